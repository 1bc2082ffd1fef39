package dev.berth.layer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns a directory tree into layer entries, sorted by name bytes. Files that share an inode become
 * hard links to the first of their names; sockets are left out (tar cannot hold them).
 *
 * <p>In overlay mode the tree is an overlayfs upper directory: a character device 0/0 or a file
 * with {@code trusted.overlay.whiteout} becomes a {@code .wh.} entry, a directory with {@code
 * trusted.overlay.opaque=y} gets a {@code .wh..wh..opq} entry, and overlay's own attributes are
 * never written. The overlay must be mounted without {@code redirect_dir} and {@code metacopy}, so
 * the upper directory holds whole files and no renamed directories.
 */
public final class TreeScanner {

  private static final int S_IFMT = 0170000;
  private static final int S_IFSOCK = 0140000;
  private static final int S_IFLNK = 0120000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFBLK = 0060000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFIFO = 0010000;

  private final Path root;
  private final boolean overlay;
  private final List<TarEntry> entries = new ArrayList<>();
  private final Map<String, String> firstNameOfInode = new HashMap<>();

  private TreeScanner(Path root, boolean overlay) {
    this.root = root;
    this.overlay = overlay;
  }

  /** The entries of a plain directory tree; the root itself is not an entry. */
  public static List<TarEntry> scan(Path root) throws IOException {
    return new TreeScanner(root, false).run();
  }

  /** The entries of an overlayfs upper directory, with whiteouts and opaque markers converted. */
  public static List<TarEntry> scanOverlayUpper(Path upper) throws IOException {
    return new TreeScanner(upper, true).run();
  }

  private List<TarEntry> run() throws IOException {
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("not a directory: " + root);
    }
    if (overlay && isOpaque(root)) {
      entries.add(TarEntry.opaque(""));
    }
    List<String> names = new ArrayList<>();
    collect(root, "", names);
    // Visit in tar order, so the first name of an inode is the one that comes first in the tar.
    names.sort(LayerWriter.NAME_ORDER);
    for (String name : names) {
      visit(root.resolve(name), name);
    }
    return entries;
  }

  private void collect(Path dir, String prefix, List<String> names) throws IOException {
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path child : children) {
        String name = prefix + child.getFileName().toString();
        names.add(name);
        if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
          collect(child, name + "/", names);
        }
      }
    }
  }

  private void visit(Path path, String name) throws IOException {
    Map<String, Object> a = Files.readAttributes(path, "unix:*", LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) a.get("mode");
    int fmt = mode & S_IFMT;
    long uid = ((Integer) a.get("uid")) & 0xffffffffL;
    long gid = ((Integer) a.get("gid")) & 0xffffffffL;
    long mtime = ((FileTime) a.get("lastModifiedTime")).toInstant().getEpochSecond();
    int perm = mode & 07777;

    if (overlay && isWhiteout(path, fmt, (Long) a.get("rdev"))) {
      entries.add(TarEntry.whiteout(name));
      return;
    }
    if (fmt == S_IFSOCK) {
      return;
    }
    Map<String, byte[]> xattrs = readXattrs(path);
    if (fmt != S_IFDIR && (Integer) a.get("nlink") > 1) {
      String key = a.get("dev") + ":" + a.get("ino");
      String first = firstNameOfInode.putIfAbsent(key, name);
      if (first != null) {
        entries.add(
            base(name, EntryType.HARDLINK, perm, uid, gid, mtime, 0, first, 0, 0, xattrs, null));
        return;
      }
    }
    long rdev = (Long) a.get("rdev");
    switch (fmt) {
      case S_IFREG ->
          entries.add(
              base(
                  name,
                  EntryType.FILE,
                  perm,
                  uid,
                  gid,
                  mtime,
                  (Long) a.get("size"),
                  "",
                  0,
                  0,
                  xattrs,
                  path));
      case S_IFDIR -> {
        entries.add(
            base(name, EntryType.DIRECTORY, perm, uid, gid, mtime, 0, "", 0, 0, xattrs, null));
        if (overlay && isOpaque(path)) {
          entries.add(TarEntry.opaque(name));
        }
      }
      case S_IFLNK ->
          entries.add(
              base(
                  name,
                  EntryType.SYMLINK,
                  0777,
                  uid,
                  gid,
                  mtime,
                  0,
                  Files.readSymbolicLink(path).toString(),
                  0,
                  0,
                  xattrs,
                  null));
      case S_IFCHR ->
          entries.add(
              base(
                  name,
                  EntryType.CHAR_DEVICE,
                  perm,
                  uid,
                  gid,
                  mtime,
                  0,
                  "",
                  Native.major(rdev),
                  Native.minor(rdev),
                  xattrs,
                  null));
      case S_IFBLK ->
          entries.add(
              base(
                  name,
                  EntryType.BLOCK_DEVICE,
                  perm,
                  uid,
                  gid,
                  mtime,
                  0,
                  "",
                  Native.major(rdev),
                  Native.minor(rdev),
                  xattrs,
                  null));
      case S_IFIFO ->
          entries.add(base(name, EntryType.FIFO, perm, uid, gid, mtime, 0, "", 0, 0, xattrs, null));
      default ->
          throw new IOException("unknown file type " + Integer.toOctalString(fmt) + ": " + path);
    }
  }

  private static TarEntry base(
      String name,
      EntryType type,
      int mode,
      long uid,
      long gid,
      long mtime,
      long size,
      String link,
      int major,
      int minor,
      Map<String, byte[]> xattrs,
      Path source) {
    return new TarEntry(
        name,
        type,
        mode,
        uid,
        gid,
        mtime,
        size,
        link,
        major,
        minor,
        xattrs,
        Optional.ofNullable(source));
  }

  private boolean isWhiteout(Path path, int fmt, long rdev) throws IOException {
    if (fmt == S_IFCHR && rdev == 0) {
      return true;
    }
    return fmt == S_IFREG
        && (Native.getXattr(path, "trusted.overlay.whiteout").isPresent()
            || Native.getXattr(path, "user.overlay.whiteout").isPresent());
  }

  private static boolean isOpaque(Path dir) throws IOException {
    for (String attr : List.of("trusted.overlay.opaque", "user.overlay.opaque")) {
      Optional<byte[]> v = Native.getXattr(dir, attr);
      if (v.isPresent() && new String(v.get(), StandardCharsets.ISO_8859_1).equals("y")) {
        return true;
      }
    }
    return false;
  }

  /** The attributes a layer carries: user.*, security.capability and trusted.* (not overlay's). */
  private Map<String, byte[]> readXattrs(Path path) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    for (String n : Native.listXattrs(path)) {
      if (!keep(n)) {
        continue;
      }
      Native.getXattr(path, n).ifPresent(v -> out.put(n, v));
    }
    return out;
  }

  private boolean keep(String name) {
    if (name.startsWith("trusted.overlay.") || (overlay && name.startsWith("user.overlay."))) {
      return false;
    }
    return name.startsWith("user.")
        || name.equals("security.capability")
        || name.startsWith("trusted.");
  }
}
