package dev.berth.layer;

import com.github.luben.zstd.ZstdIOException;
import dev.berth.image.Digest;
import dev.berth.mount.OverlayAttributes;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipException;

/**
 * Applies a layer (plain, gzip or zstd tar, told apart by its magic bytes) to a directory:
 * whiteouts delete what lower layers hold, opaque markers empty a directory of its lower content,
 * and every entry lands inside the root or the layer is refused (see {@link SafeRoot}).
 *
 * <p>Owners are set only when running as root, and device nodes are created only then (otherwise
 * they are skipped with a warning). Directory modes and times are set after all entries, so writing
 * into a directory does not change its time and a read-only directory can still be filled.
 *
 * <p>On failure (a layer error (see {@link LayerErrors}) or an I/O error) the target holds whatever
 * the entries before the failing one produced: nothing outside the root is touched, but the tree is
 * partial. Callers extract into a fresh directory and discard it on failure.
 */
public final class LayerApplier {

  private static final int S_IFCHR = 0020000;
  private static final int S_IFBLK = 0060000;
  private static final int S_IFIFO = 0010000;

  private final boolean root;

  /** An applier that sets owners and creates devices when this process runs as root. */
  public LayerApplier() {
    this(isRoot());
  }

  LayerApplier(boolean asRoot) {
    this.root = asRoot;
  }

  /** Applies the layer read from {@code layer} to the existing directory {@code target}. */
  public ApplyResult apply(InputStream layer, Path target) throws IOException {
    requireDirectory(target);
    return run(layer, SafeRoot.plain(target.toAbsolutePath()));
  }

  /**
   * Applies a layer into the overlayfs upper directory {@code upper} above the read-only {@code
   * lowers} (nearest first), without mounting anything: mounting {@code
   * lowerdir=<lowers>,upperdir=<upper>} afterwards shows the tree that applying every layer in
   * order to one directory gives. Deletions become overlay whiteouts (0/0 character devices, so
   * this needs root when the layer deletes anything) and opaque markers set {@code
   * trusted.overlay.opaque=y}; directories and hard link targets only the lowers hold are copied up
   * first. Symlinks in the lowers count when resolving names; the lowers are never written.
   */
  public ApplyResult applyAbove(InputStream layer, Path upper, List<Path> lowers)
      throws IOException {
    requireDirectory(upper);
    for (Path lower : lowers) {
      requireDirectory(lower);
    }
    return run(
        layer,
        SafeRoot.overlay(
            upper.toAbsolutePath(), lowers.stream().map(Path::toAbsolutePath).toList()));
  }

  private static void requireDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("not a directory: " + dir);
    }
  }

  private ApplyResult run(InputStream layer, SafeRoot safe) throws IOException {
    MessageDigest diff = Digest.newSha256();
    try (InputStream tar = new DigestInputStream(decompress(layer), diff)) {
      Run run = new Run(safe, new TarReader(tar));
      try {
        long count = run.all();
        return new ApplyResult(Digest.fromSha256(diff.digest()), count, run.warnings);
      } catch (EOFException | ZipException e) {
        throw LayerErrors.bad(
            run.currentName, "truncated or corrupt compressed stream: " + e.getMessage(), e);
      } catch (ZstdIOException e) {
        throw LayerErrors.bad(run.currentName, "corrupt zstd stream: " + e.getMessage(), e);
      }
    }
  }

  /** Applies a layer blob stored in a file. */
  public ApplyResult apply(Path layer, Path target) throws IOException {
    try (InputStream in = Files.newInputStream(layer)) {
      return apply(in, target);
    }
  }

  static InputStream decompress(InputStream raw) throws IOException {
    return Compression.decompressed(raw);
  }

  /** Whether this process runs as root: owners, devices and mounts need it. */
  public static boolean isRoot() {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("unix")) {
      return false;
    }
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException e) {
      return false;
    }
  }

  /** Deferred metadata of a directory. */
  private record DirMeta(Path path, TarReader.Header header) {}

  /** The state of one application. */
  private final class Run {
    final SafeRoot safe;
    final TarReader reader;
    final List<String> warnings = new ArrayList<>();

    /** What this layer put in place, so its own whiteouts and opaque markers leave it alone. */
    final Set<Path> created = new HashSet<>();

    /** Directories that hold something this layer put there; an opaque marker keeps them. */
    final Set<Path> holders = new HashSet<>();

    final Deque<DirMeta> dirs = new ArrayDeque<>();
    String currentName;

    Run(SafeRoot safe, TarReader reader) {
      this.safe = safe;
      this.reader = reader;
    }

    long all() throws IOException {
      long count = 0;
      for (Optional<TarReader.Header> h = reader.next(); h.isPresent(); h = reader.next()) {
        currentName = h.get().name();
        try {
          entry(h.get());
        } catch (FileSystemException e) {
          // A name within the limits can still be too long below this root; the exception's
          // message would be the whole path.
          if (e.getReason() != null && e.getReason().contains("File name too long")) {
            throw LayerErrors.bad(
                currentName, "the path is too long for the file system below the target", e);
          }
          throw e;
        }
        count++;
      }
      reader.drain();
      // Deepest first, so setting a child's time does not disturb its parent's afterwards.
      while (!dirs.isEmpty()) {
        DirMeta d = dirs.pollLast();
        metadata(d.path(), d.header());
      }
      return count;
    }

    private void created(Path p) {
      created.add(p);
      for (Path q = p.getParent(); q != null && q.startsWith(safe.root()) && holders.add(q); ) {
        q = q.getParent();
      }
    }

    private void entry(TarReader.Header h) throws IOException {
      String name = h.name();
      List<String> comps = SafeRoot.clean(name, name);
      if (comps.isEmpty()) {
        if (h.type() == '5') {
          dirs.addLast(new DirMeta(safe.root(), h));
          return;
        }
        throw LayerErrors.unsafe(name, "it names the root itself but is not a directory");
      }
      String base = comps.get(comps.size() - 1);
      if (base.startsWith(TarEntry.WHITEOUT_PREFIX)) {
        whiteout(h, comps, base);
        return;
      }
      SafeRoot.Found parent = safe.makeParent(name, comps, this::created);
      Path path = parent.top().path().resolve(base);
      BasicFileAttributes existing = SafeRoot.lstat(path);
      char type = h.type();
      if (type == '5') {
        directory(parent, base, path, existing);
        created(path);
        dirs.addLast(new DirMeta(path, h));
        return;
      }
      Path linkTarget = type == '1' ? hardLinkTarget(h) : null;
      if (existing != null) {
        if (linkTarget != null
            && existing.fileKey() != null
            && existing.fileKey().equals(SafeRoot.lstat(linkTarget).fileKey())) {
          return; // already the same inode
        }
        removeTree(path, existing);
      }
      switch (type) {
        case '0', '\0', '7' -> {
          try (OutputStream out =
              Files.newOutputStream(
                  path,
                  StandardOpenOption.CREATE_NEW,
                  StandardOpenOption.WRITE,
                  LinkOption.NOFOLLOW_LINKS)) {
            reader.copyContent(out);
          }
        }
        case '1' -> {
          Files.createLink(path, linkTarget);
          created(path);
          return; // a hard link shares its target's metadata
        }
        case '2' -> Files.createSymbolicLink(path, Path.of(h.linkName()));
        case '3', '4', '6' -> {
          if (type != '6' && (!root || OverlayAttributes.inUserNamespace())) {
            // The kernel lets no user namespace make devices; docker's rootless mode skips them
            // too.
            warnings.add(
                "skipped device node " + name + " (creating devices needs root on the host)");
            return;
          }
          int fmt = type == '3' ? S_IFCHR : type == '4' ? S_IFBLK : S_IFIFO;
          Native.mknod(path, fmt | 0600, h.devMajor(), h.devMinor());
        }
        default -> throw LayerErrors.bad(name, "unsupported tar entry type '" + type + "'");
      }
      created(path);
      metadata(path, h);
    }

    /** Makes {@code path} (named {@code base} in {@code parent}) a directory in the root. */
    private void directory(
        SafeRoot.Found parent, String base, Path path, BasicFileAttributes existing)
        throws IOException {
      if (existing != null && existing.isDirectory()) {
        return;
      }
      if (existing != null) {
        Files.delete(path);
      }
      if (!safe.isOverlay()) {
        Files.createDirectory(path);
        return;
      }
      if (existing != null) {
        // What the root held there (this layer's file or whiteout) hid the lowers' copy.
        Files.createDirectory(path);
        Native.setXattr(path, SafeRoot.OPAQUE_XATTR, new byte[] {'y'});
        return;
      }
      SafeRoot.Found below = safe.lookup(parent, base);
      if (below != null && below.isDirectory()) {
        safe.copyUp(parent, below); // the directory exists already in the merged view
      } else {
        Files.createDirectory(path);
      }
    }

    /** The hard link target in the root; one only the lowers hold is copied up first. */
    private Path hardLinkTarget(TarReader.Header h) throws IOException {
      List<String> comps = SafeRoot.clean(h.name(), h.linkName());
      if (comps.isEmpty()) {
        throw LayerErrors.unsafe(h.name(), "a hard link to the root");
      }
      String base = comps.get(comps.size() - 1);
      Optional<SafeRoot.Found> parent = safe.findParent(h.name(), comps);
      SafeRoot.Found target = parent.isEmpty() ? null : safe.lookup(parent.get(), base);
      if (target == null) {
        throw LayerErrors.bad(
            h.name(), "hard link target '" + h.linkName() + "' does not exist in the root");
      }
      if (target.isDirectory()) {
        throw LayerErrors.bad(h.name(), "hard link target '" + h.linkName() + "' is a directory");
      }
      if (target.top().inRoot()) {
        return target.top().path();
      }
      Path dir = safe.makeParentPath(h.name(), comps, this::created);
      Path copy = dir.resolve(base);
      SafeRoot.copyNode(target.top().path(), copy, dir);
      return copy;
    }

    private void whiteout(TarReader.Header h, List<String> comps, String base) throws IOException {
      String name = h.name();
      if (base.equals(TarEntry.OPAQUE)) {
        if (safe.isOverlay()) {
          SafeRoot.Found dir =
              comps.size() == 1 ? safe.rootDir() : safe.makeParent(name, comps, this::created);
          touchWhatHides(dir, System.currentTimeMillis() / 1000);
          Native.setXattr(dir.top().path(), SafeRoot.OPAQUE_XATTR, new byte[] {'y'});
        } else {
          opaque(comps.size() == 1 ? safe.root() : safe.makeParentPath(name, comps, this::created));
        }
        return;
      }
      String victim = base.substring(TarEntry.WHITEOUT_PREFIX.length());
      if (victim.isEmpty() || victim.equals(".") || victim.equals("..")) {
        throw LayerErrors.unsafe(name, "a whiteout of '" + victim + "'");
      }
      if (victim.startsWith(TarEntry.WHITEOUT_PREFIX)) {
        return; // aufs bookkeeping such as .wh..wh.plnk, not a whiteout
      }
      Optional<SafeRoot.Found> parent = safe.findParent(name, comps);
      if (parent.isEmpty() || safe.lookup(parent.get(), victim) == null) {
        return; // nothing to hide
      }
      if (safe.isOverlay()) {
        overlayWhiteout(name, comps, victim);
        return;
      }
      Path path = parent.get().top().path().resolve(victim);
      // A whiteout hides only what lower layers hold, never what this layer added.
      BasicFileAttributes a = SafeRoot.lstat(path);
      if (!created.contains(path)) {
        removeTree(path, a);
      }
    }

    /** Removes what this layer put at the name, then hides the lowers' copy with a 0/0 device. */
    private void overlayWhiteout(String name, List<String> comps, String victim)
        throws IOException {
      SafeRoot.Found dir = safe.makeParent(name, comps, this::created);
      Path path = dir.top().path().resolve(victim);
      BasicFileAttributes a = SafeRoot.lstat(path);
      if (a != null) {
        removeTree(path, a);
      }
      if (safe.lookup(dir, victim) == null) {
        return; // only this layer had it
      }
      if (!root) {
        throw LayerErrors.bad(
            name, "an overlay whiteout is a 0/0 character device; creating it needs root");
      }
      Native.mknod(path, S_IFCHR, 0, 0);
    }

    /**
     * Gives the directories an opaque marker hides something in the time of now, as removing those
     * entries would in a plain tree: {@code dir} when a lower holds a name its upper copy lacks,
     * and, below it, each upper directory whose lowers hold such a name.
     */
    private void touchWhatHides(SafeRoot.Found dir, long now) throws IOException {
      Path upper = dir.top().path();
      boolean hides = false;
      for (SafeRoot.Node lower : dir.lower()) {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(lower.path())) {
          for (Path child : children) {
            String n = child.getFileName().toString();
            hides |= SafeRoot.lstat(upper.resolve(n)) == null && safe.lookup(dir, n) != null;
          }
        }
      }
      try (DirectoryStream<Path> children = Files.newDirectoryStream(upper)) {
        for (Path child : children) {
          SafeRoot.Found sub = safe.lookup(dir, child.getFileName().toString());
          if (sub != null && sub.isDirectory() && !sub.lower().isEmpty()) {
            touchWhatHides(sub, now);
          }
        }
      }
      if (hides) {
        Native.setTimes(upper, now);
      }
    }

    /** Removes everything in {@code dir} that this layer did not put there. */
    private void opaque(Path dir) throws IOException {
      try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
        for (Path child : children) {
          BasicFileAttributes a = SafeRoot.lstat(child);
          if (!created.contains(child) && !holders.contains(child)) {
            removeTree(child, a);
          } else if (a.isDirectory()) {
            opaque(child);
          }
        }
      }
    }

    private void removeTree(Path path, BasicFileAttributes a) throws IOException {
      if (a.isDirectory()) {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(path)) {
          for (Path child : children) {
            removeTree(child, SafeRoot.lstat(child));
          }
        }
      }
      try {
        Files.delete(path);
      } catch (NoSuchFileException e) {
        // already gone
      }
      created.remove(path);
    }

    private void metadata(Path path, TarReader.Header h) throws IOException {
      boolean symlink = h.type() == '2';
      if (root) {
        Files.setAttribute(path, "unix:uid", (int) h.uid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", (int) h.gid(), LinkOption.NOFOLLOW_LINKS);
      }
      if (!symlink) {
        // After chown, which clears setuid and setgid bits.
        Native.chmod(path, h.mode());
      }
      for (Map.Entry<String, byte[]> x : h.xattrs().entrySet()) {
        if (OverlayAttributes.isOverlays(x.getKey())) {
          // overlay's own attributes would whiteout, hide or redirect once this tree is a layer.
          warnings.add("ignored " + x.getKey() + " on " + h.name());
          continue;
        }
        try {
          Native.setXattr(path, x.getKey(), x.getValue());
        } catch (IOException e) {
          warnings.add("could not set " + x.getKey() + " on " + h.name() + ": " + e.getMessage());
        }
      }
      Native.setTimes(path, h.mtime());
    }
  }
}
