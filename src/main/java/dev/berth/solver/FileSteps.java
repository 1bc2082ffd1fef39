package dev.berth.solver;

import dev.berth.context.CopyException;
import dev.berth.context.CopySelection;
import dev.berth.context.CopySelector;
import dev.berth.context.DockerIgnore;
import dev.berth.context.FileKind;
import dev.berth.diag.DiagnosticException;
import dev.berth.image.BlobWriter;
import dev.berth.image.Digest;
import dev.berth.layer.LayerDigests;
import dev.berth.layer.LayerWriter;
import dev.berth.layer.TarEntry;
import dev.berth.plan.op.CopyOp;
import dev.berth.plan.op.CopySource;
import dev.berth.plan.op.InlineFile;
import dev.berth.plan.op.WorkdirOp;
import dev.berth.store.LocalImages;
import dev.berth.store.Store;
import dev.berth.store.StoredImage;
import dev.berth.store.snapshot.Snapshotter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * COPY, ADD and WORKDIR: the files they add are written straight from their sources into a layer
 * (no staging copy), with owners, modes and the parent directories docker gives them.
 */
final class FileSteps {

  private final Store store;
  private final Snapshotter snapshotter;
  private final LayerWriter writer;
  private final Path context;
  private final Path dockerfile;
  private DockerIgnore ignore;
  private final Downloads downloads;
  private final dev.berth.context.ContentHasher hasher;

  FileSteps(
      Store store, Snapshotter snapshotter, LayerWriter writer, Path context, Path dockerfile) {
    this.store = store;
    this.snapshotter = snapshotter;
    this.writer = writer;
    this.context = context;
    this.dockerfile = dockerfile;
    this.downloads = new Downloads(store);
    Path cache =
        store
            .layout()
            .root()
            .resolve("context-cache")
            .resolve(
                Digest.sha256(
                        context
                            .toAbsolutePath()
                            .normalize()
                            .toString()
                            .getBytes(StandardCharsets.UTF_8))
                    .hex());
    this.hasher = new dev.berth.context.ContentHasher(cache);
  }

  private DockerIgnore ignore() throws StepFailedException, IOException {
    if (ignore == null) {
      try {
        ignore = DockerIgnore.load(context, Optional.of(dockerfile));
      } catch (DiagnosticException e) {
        throw new StepFailedException(e.first().toString());
      }
    }
    return ignore;
  }

  /**
   * What a COPY reads, as one digest for its cache key: the content of its context sources (paths,
   * kinds, modes, bytes; not times), or the key of the stage or the digest of the image it reads
   * from.
   */
  Digest inputDigest(
      CopyOp op, ImageState state, Map<Integer, ImageState> stages, Map<String, String> detail)
      throws StepFailedException, IOException {
    if (op.source() instanceof CopySource.Stage s) {
      Digest key = stages.get(s.index()).key();
      detail.put("stage " + s.index(), key.toString());
      return key;
    }
    if (op.source() instanceof CopySource.Image i) {
      Digest key = image(i.reference()).key();
      detail.put("image " + i.reference(), key.toString());
      return key;
    }
    checkSupported(op);
    StringBuilder parts = new StringBuilder();
    for (String url : urls(op)) {
      Digest d = downloads.keyDigest(url, op.checksum());
      detail.put(url, d.toString());
      parts.append(url).append('=').append(d).append('\n');
    }
    CopyOp local = localOnly(op);
    if (!local.sources().isEmpty()) {
      parts.append(digestOf(select(context, local, ignore(), p -> false), detail));
    }
    return Digest.sha256(parts.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * What a {@code RUN --mount=type=bind} reads, for the RUN's cache key: the source's content in
   * the context, or the key of the stage it comes from.
   */
  Digest bindInput(
      dev.berth.plan.op.MountRequest m, Map<Integer, ImageState> stages, Map<String, String> detail)
      throws StepFailedException, IOException {
    if (m.fromStage().isPresent()) {
      Digest key = stages.get(m.fromStage().get()).key();
      detail.put("bind from stage " + m.fromStage().get(), key.toString());
      return key;
    }
    String source = m.option("source").orElse(".");
    try {
      return digestOf(
          CopySelector.select(
              context,
              List.of(source.isEmpty() ? "." : source),
              "/bind/",
              "/",
              List.of(),
              ignore()),
          detail);
    } catch (CopyException e) {
      throw new StepFailedException("RUN --mount=type=bind: " + e.getMessage());
    }
  }

  /**
   * The content digest of a selection: paths, kinds, modes and bytes, never times. File digests are
   * remembered per context (by path, size, mtime, ctime and inode), so an unchanged tree is not
   * read again.
   */
  private Digest digestOf(CopySelection selection, Map<String, String> detail) throws IOException {
    dev.berth.context.ContentHash hash;
    synchronized (hasher) {
      hash = hasher.hash(selection);
    }
    for (dev.berth.context.FileDigest f : hash.files()) {
      if (f.kind() != FileKind.DIRECTORY) {
        String content = f.kind() == FileKind.SYMLINK ? "symlink" : f.content().toString();
        detail.put(f.sourcePath(), content + " mode " + Integer.toOctalString(f.mode() & 07777));
      }
    }
    return hash.digest();
  }

  private static void checkSupported(CopyOp op) throws StepFailedException {
    for (String src : op.sources()) {
      if (src.startsWith("git@")
          || src.endsWith(".git") && (src.contains("://") || src.contains("@"))) {
        throw new StepFailedException(
            "ADD of a git repository (" + src + ") is not supported by this version of berth");
      }
      if (Downloads.isUrl(src) && !op.add()) {
        throw new StepFailedException("COPY cannot fetch URLs (" + src + "); use ADD");
      }
      if (!Downloads.isUrl(src) && op.checksum().isPresent()) {
        throw new StepFailedException(
            "ADD --checksum applies to URL sources only, not to the local file " + src);
      }
    }
  }

  private static List<String> urls(CopyOp op) {
    return op.sources().stream().filter(Downloads::isUrl).toList();
  }

  private static CopyOp localOnly(CopyOp op) {
    List<String> local = op.sources().stream().filter(s -> !Downloads.isUrl(s)).toList();
    return new CopyOp(
        op.add(),
        op.source(),
        local,
        op.inline(),
        op.destination(),
        op.workdir(),
        op.chown(),
        op.chmod(),
        op.link(),
        op.parents(),
        op.excludes(),
        op.checksum(),
        op.keepGitDir());
  }

  private ImageState image(String ref) throws StepFailedException, IOException {
    StoredImage img;
    try {
      img = new LocalImages(store).find(ref);
    } catch (IOException e) {
      throw new StepFailedException(
          "--from=" + ref + " is neither a stage of this Dockerfile nor an image in berth's store");
    }
    return new ImageState(
        img.manifest().layers(),
        img.config(),
        CacheKeys.of("image", img.manifestDescriptor().digest().toString()));
  }

  private static CopySelection select(
      Path root,
      CopyOp op,
      java.util.function.Predicate<String> ignored,
      java.util.function.Predicate<String> isDirectoryInImage)
      throws StepFailedException, IOException {
    try {
      return CopySelector.select(
          root,
          op.sources(),
          op.destination(),
          op.workdir(),
          op.excludes(),
          ignored,
          isDirectoryInImage);
    } catch (CopyException e) {
      throw new StepFailedException(e.getMessage());
    }
  }

  /** Runs a COPY or ADD and writes its layer. */
  LayerMade copy(CopyOp op, ImageState state, Map<Integer, ImageState> stages)
      throws StepFailedException, IOException {
    checkSupported(op);
    Path temp = store.newTempPath("copy");
    Files.createDirectories(temp);
    try (RootView dest = RootView.open(snapshotter, state, temp)) {
      Owners.Owner owner =
          op.chown().isPresent()
              ? Owners.resolve(dest.root(), op.chown().get())
              : Owners.Owner.ROOT;
      Optional<Integer> chmod = op.chmod().map(FileSteps::octal);
      Map<String, TarEntry> entries = new LinkedHashMap<>();
      long now = java.time.Instant.now().getEpochSecond();
      ImageState from =
          op.source() instanceof CopySource.Stage s
              ? stages.get(s.index())
              : op.source() instanceof CopySource.Image i ? image(i.reference()) : null;
      // A stage or image source stays mounted until the layer is written: entries read from it.
      try (RootView src =
          from == null || op.sources().isEmpty() ? null : RootView.open(snapshotter, from, temp)) {
        CopyOp local = localOnly(op);
        if (!local.sources().isEmpty()) {
          CopySelection selection =
              src == null
                  ? select(context, local, ignore(), p -> isDir(dest.root(), p))
                  : select(src.root(), local, p -> false, p -> isDir(dest.root(), p));
          add(entries, selection, dest.root(), owner, chmod, now);
          if (op.add()) {
            unpackArchives(entries, local, temp, dest.root(), owner, now);
          }
        }
        for (String url : urls(op)) {
          Downloads.Downloaded d = downloads.fetch(url, op.checksum());
          String target = inlineTarget(op, new InlineFile(d.name(), ""));
          if (!op.destination().endsWith("/") && urls(op).size() + local.sources().size() > 1) {
            throw new StepFailedException(
                "When using ADD with more than one source, the destination must be a directory and"
                    + " end with a /");
          }
          parents(entries, target, dest.root(), owner, now);
          long mtime = d.lastModified().map(java.time.Instant::getEpochSecond).orElse(now);
          entries.put(
              target.substring(1),
              TarEntry.file(
                  target.substring(1),
                  chmod.orElse(0600),
                  owner.uid(),
                  owner.gid(),
                  mtime,
                  d.size(),
                  d.file()));
        }
        for (InlineFile f : op.inline()) {
          String target = inlineTarget(op, f);
          parents(entries, target, dest.root(), owner, now);
          Path body = Files.createTempFile(temp, "heredoc-", "");
          Files.writeString(body, f.content(), StandardCharsets.UTF_8);
          entries.put(
              target.substring(1),
              TarEntry.file(
                  target.substring(1),
                  chmod.orElse(0644),
                  owner.uid(),
                  owner.gid(),
                  now,
                  Files.size(body),
                  body));
        }
        return write(new ArrayList<>(entries.values()));
      }
    } finally {
      dev.berth.store.AtomicFiles.deleteTree(temp);
    }
  }

  /**
   * ADD of a local tar (plain, gzip or zstd) unpacks it into the destination directory instead of
   * copying the file, as docker does; the tar is extracted safely first.
   */
  private static void unpackArchives(
      Map<String, TarEntry> entries,
      CopyOp op,
      Path temp,
      Path destRoot,
      Owners.Owner owner,
      long now)
      throws IOException, StepFailedException {
    String destDir =
        Path.of(
                op.destination().startsWith("/")
                    ? op.destination()
                    : (op.workdir().isEmpty() ? "/" : op.workdir()) + "/" + op.destination())
            .normalize()
            .toString();
    List<String> archives = new ArrayList<>();
    for (Map.Entry<String, TarEntry> e : entries.entrySet()) {
      TarEntry t = e.getValue();
      if (t.type() == dev.berth.layer.EntryType.FILE
          && t.source().isPresent()
          && isTar(t.source().get())) {
        archives.add(e.getKey());
      }
    }
    for (String name : archives) {
      TarEntry archive = entries.remove(name);
      Path into = Files.createTempDirectory(temp, "add-");
      try (InputStream in = Files.newInputStream(archive.source().get())) {
        new dev.berth.layer.LayerApplier().apply(in, into);
      } catch (dev.berth.layer.LayerException e) {
        throw new StepFailedException(
            "ADD: cannot unpack " + archive.source().get().getFileName() + ": " + e.getMessage());
      }
      parents(entries, destDir + "/x", destRoot, owner, now);
      String prefix = destDir.equals("/") ? "" : destDir.substring(1) + "/";
      for (TarEntry t : dev.berth.layer.TreeScanner.scan(into)) {
        String n = prefix + t.name();
        String link =
            t.type() == dev.berth.layer.EntryType.HARDLINK ? prefix + t.linkName() : t.linkName();
        entries.put(
            n,
            new TarEntry(
                n,
                t.type(),
                t.mode(),
                t.uid(),
                t.gid(),
                t.mtime(),
                t.size(),
                link,
                t.devMajor(),
                t.devMinor(),
                t.xattrs(),
                t.source()));
      }
    }
  }

  /** Whether a file is a tar archive, possibly gzip- or zstd-compressed. */
  private static boolean isTar(Path file) throws IOException {
    try (java.io.BufferedInputStream raw =
        new java.io.BufferedInputStream(Files.newInputStream(file))) {
      raw.mark(4);
      byte[] m = raw.readNBytes(4);
      raw.reset();
      InputStream in = raw;
      if (m.length >= 2 && (m[0] & 0xff) == 0x1f && (m[1] & 0xff) == 0x8b) {
        in = new java.util.zip.GZIPInputStream(raw);
      } else if (m.length == 4
          && (m[0] & 0xff) == 0x28
          && (m[1] & 0xff) == 0xb5
          && (m[2] & 0xff) == 0x2f
          && (m[3] & 0xff) == 0xfd) {
        in = new com.github.luben.zstd.ZstdInputStream(raw);
      }
      byte[] header = in.readNBytes(512);
      return header.length == 512
          && new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    } catch (IOException e) {
      return false;
    }
  }

  private static String inlineTarget(CopyOp op, InlineFile f) {
    String dest =
        op.destination().startsWith("/")
            ? op.destination()
            : (op.workdir().isEmpty() ? "/" : op.workdir()) + "/" + op.destination();
    if (dest.endsWith("/")) {
      dest = dest + f.name();
    }
    return Path.of(dest).normalize().toString();
  }

  private static boolean isDir(Path root, String path) {
    return Files.isDirectory(
        root.resolve(path.startsWith("/") ? path.substring(1) : path), LinkOption.NOFOLLOW_LINKS);
  }

  private void add(
      Map<String, TarEntry> entries,
      CopySelection selection,
      Path destRoot,
      Owners.Owner owner,
      Optional<Integer> chmod,
      long now)
      throws IOException {
    for (dev.berth.context.CopyOp c : selection.ops()) {
      String name = c.destination().substring(1);
      if (name.isEmpty()) {
        continue;
      }
      parents(entries, c.destination(), destRoot, owner, now);
      PosixFileAttributes attrs =
          Files.readAttributes(c.source(), PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      long mtime = attrs.lastModifiedTime().toInstant().getEpochSecond();
      switch (c.kind()) {
        case FILE ->
            entries.put(
                name,
                TarEntry.file(
                    name,
                    chmod.orElse(c.mode()),
                    owner.uid(),
                    owner.gid(),
                    mtime,
                    c.size(),
                    c.source()));
        case DIRECTORY -> {
          Path existing = destRoot.resolve(name);
          if (Files.isDirectory(existing, LinkOption.NOFOLLOW_LINKS)) {
            // An existing directory keeps its metadata, as docker merges into it.
            entries.put(name, existingDir(name, existing));
          } else {
            entries.put(
                name,
                TarEntry.directory(name, chmod.orElse(c.mode()), owner.uid(), owner.gid(), mtime));
          }
        }
        case SYMLINK ->
            entries.put(
                name, TarEntry.symlink(name, c.linkTarget(), owner.uid(), owner.gid(), mtime));
      }
    }
  }

  /**
   * Parent directories of a destination: existing ones as they are, new ones 0755 for the owner.
   */
  private static void parents(
      Map<String, TarEntry> entries,
      String destination,
      Path destRoot,
      Owners.Owner owner,
      long now)
      throws IOException {
    Path p = Path.of(destination).getParent();
    List<String> chain = new ArrayList<>();
    while (p != null && p.getNameCount() > 0) {
      chain.add(0, p.toString().substring(1));
      p = p.getParent();
    }
    for (String dir : chain) {
      if (entries.containsKey(dir)) {
        continue;
      }
      Path existing = destRoot.resolve(dir);
      if (Files.isDirectory(existing, LinkOption.NOFOLLOW_LINKS)) {
        entries.put(dir, existingDir(dir, existing));
      } else {
        entries.put(dir, TarEntry.directory(dir, 0755, owner.uid(), owner.gid(), now));
      }
    }
  }

  private static TarEntry existingDir(String name, Path dir) throws IOException {
    PosixFileAttributes a =
        Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    long uid =
        ((Number) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
    long gid =
        ((Number) Files.getAttribute(dir, "unix:gid", LinkOption.NOFOLLOW_LINKS)).longValue();
    int mode =
        ((Number) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS)).intValue()
            & 07777;
    return TarEntry.directory(
        name, mode, uid, gid, a.lastModifiedTime().toInstant().getEpochSecond());
  }

  private static int octal(String mode) {
    try {
      return Integer.parseInt(mode, 8);
    } catch (NumberFormatException e) {
      // Symbolic modes are checked by the parser; they apply relative to 0644 here.
      return Symbolic.apply(mode, 0644);
    }
  }

  /** WORKDIR: a layer with the missing directories, or none when the directory exists. */
  Optional<LayerMade> workdir(WorkdirOp op, ImageState state)
      throws StepFailedException, IOException {
    Path temp = store.newTempPath("workdir");
    Files.createDirectories(temp);
    try (RootView view = RootView.open(snapshotter, state, temp)) {
      String rel = op.path().substring(1);
      if (rel.isEmpty() || Files.isDirectory(view.root().resolve(rel))) {
        return Optional.empty();
      }
      Owners.Owner owner = Owners.resolve(view.root(), op.user());
      Map<String, TarEntry> entries = new LinkedHashMap<>();
      long now = java.time.Instant.now().getEpochSecond();
      parents(entries, op.path(), view.root(), owner, now);
      entries.put(rel, TarEntry.directory(rel, 0755, owner.uid(), owner.gid(), now));
      return Optional.of(write(new ArrayList<>(entries.values())));
    } finally {
      dev.berth.store.AtomicFiles.deleteTree(temp);
    }
  }

  private LayerMade write(List<TarEntry> entries) throws IOException {
    LayerDigests d;
    try (BlobWriter w = store.content().writer()) {
      d = writer.write(entries, w.stream());
      w.commit(d.blobSize(), d.blobDigest());
    }
    return new LayerMade(d.descriptor(), d.diffId());
  }

  /** Symbolic chmod ({@code u+x,go=r}) applied to a base mode. */
  static final class Symbolic {
    private Symbolic() {}

    static int apply(String spec, int base) {
      int mode = base;
      for (String clause : spec.split(",")) {
        int i = 0;
        int who = 0;
        while (i < clause.length() && "ugoa".indexOf(clause.charAt(i)) >= 0) {
          who |=
              switch (clause.charAt(i)) {
                case 'u' -> 0700;
                case 'g' -> 0070;
                case 'o' -> 0007;
                default -> 0777;
              };
          i++;
        }
        if (who == 0) {
          who = 0777;
        }
        while (i < clause.length()) {
          char opChar = clause.charAt(i++);
          int bits = 0;
          while (i < clause.length() && "rwxXst".indexOf(clause.charAt(i)) >= 0) {
            bits |=
                switch (clause.charAt(i)) {
                  case 'r' -> 0444;
                  case 'w' -> 0222;
                  case 'x', 'X' -> 0111;
                  case 's' -> 06000;
                  default -> 01000;
                };
            i++;
          }
          int masked = bits & (who | 07000);
          mode =
              switch (opChar) {
                case '+' -> mode | masked;
                case '-' -> mode & ~masked;
                default -> (mode & ~who) | masked;
              };
        }
      }
      return mode & 07777;
    }
  }
}
