package dev.berth.layer;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One entry of a layer tarball: a relative name (no leading or trailing slash), its type and
 * metadata, and for a regular file where its bytes come from.
 *
 * <p>Times are whole epoch seconds. {@code linkName} is the symlink target or, for a hard link, the
 * name of the entry it links to. Extended attributes hold raw bytes, as the kernel stores them.
 */
public record TarEntry(
    String name,
    EntryType type,
    int mode,
    long uid,
    long gid,
    long mtime,
    long size,
    String linkName,
    int devMajor,
    int devMinor,
    Map<String, byte[]> xattrs,
    Optional<Path> source) {

  /** The whiteout marker that makes a directory opaque. */
  public static final String OPAQUE = ".wh..wh..opq";

  /** The prefix of a whiteout entry's base name. */
  public static final String WHITEOUT_PREFIX = ".wh.";

  public TarEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(linkName, "linkName");
    Objects.requireNonNull(source, "source");
    if (name.isEmpty() || name.startsWith("/") || name.endsWith("/")) {
      throw new IllegalArgumentException(
          "entry name must be relative, without slashes at the ends: '" + name + "'");
    }
    if (uid < 0 || gid < 0 || size < 0) {
      throw new IllegalArgumentException("negative uid, gid or size in entry " + name);
    }
    if (type != EntryType.FILE && size != 0) {
      throw new IllegalArgumentException("only a regular file has a size: " + name);
    }
    if (size > 0 && source.isEmpty()) {
      throw new IllegalArgumentException("file " + name + " has a size but no source");
    }
    xattrs = Collections.unmodifiableMap(new TreeMap<>(xattrs));
  }

  /**
   * A regular file whose {@code size} bytes are read from {@code source} when the layer is written.
   */
  public static TarEntry file(
      String name, int mode, long uid, long gid, long mtime, long size, Path source) {
    return new TarEntry(
        name, EntryType.FILE, mode, uid, gid, mtime, size, "", 0, 0, Map.of(), Optional.of(source));
  }

  public static TarEntry directory(String name, int mode, long uid, long gid, long mtime) {
    return new TarEntry(
        name, EntryType.DIRECTORY, mode, uid, gid, mtime, 0, "", 0, 0, Map.of(), Optional.empty());
  }

  public static TarEntry symlink(String name, String target, long uid, long gid, long mtime) {
    return new TarEntry(
        name,
        EntryType.SYMLINK,
        0777,
        uid,
        gid,
        mtime,
        0,
        target,
        0,
        0,
        Map.of(),
        Optional.empty());
  }

  /** A whiteout: applying the layer deletes {@code path} from the layers below. */
  public static TarEntry whiteout(String path) {
    int slash = path.lastIndexOf('/');
    String name = path.substring(0, slash + 1) + WHITEOUT_PREFIX + path.substring(slash + 1);
    return marker(name);
  }

  /** An opaque marker: applying the layer hides everything the layers below hold in {@code dir}. */
  public static TarEntry opaque(String dir) {
    return marker(dir.isEmpty() ? OPAQUE : dir + "/" + OPAQUE);
  }

  // Markers carry no metadata of their own, so they are written with fixed values.
  private static TarEntry marker(String name) {
    return new TarEntry(name, EntryType.FILE, 0, 0, 0, 0, 0, "", 0, 0, Map.of(), Optional.empty());
  }

  /** This entry with its mtime replaced. */
  public TarEntry withMtime(long newMtime) {
    return new TarEntry(
        name, type, mode, uid, gid, newMtime, size, linkName, devMajor, devMinor, xattrs, source);
  }

  /** This entry with its extended attributes replaced. */
  public TarEntry withXattrs(Map<String, byte[]> newXattrs) {
    return new TarEntry(
        name, type, mode, uid, gid, mtime, size, linkName, devMajor, devMinor, newXattrs, source);
  }

  /** This entry turned into a hard link to {@code target}. */
  public TarEntry asHardLinkTo(String target) {
    return new TarEntry(
        name, EntryType.HARDLINK, mode, uid, gid, mtime, 0, target, 0, 0, xattrs, Optional.empty());
  }
}
