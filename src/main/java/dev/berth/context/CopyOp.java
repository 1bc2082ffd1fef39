package dev.berth.context;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One entry a COPY or ADD puts into the image: where it comes from and where it lands. Directories
 * come before their contents; a directory's op means "make sure it exists" (an existing one keeps
 * its metadata, as docker merges into it).
 *
 * @param sourcePath the entry's path relative to the copy root, with symlinks on the way resolved
 * @param source the entry on disk
 * @param destination the absolute, clean path in the image
 * @param mode the permission bits (including setuid, setgid and sticky) of the source
 * @param size the size in bytes of a file, 0 otherwise
 * @param linkTarget a symlink's target as stored, empty for other kinds
 * @param topLevel whether the entry is a source argument itself (a named file, or the directory
 *     whose contents are copied), not something found inside a directory
 */
public record CopyOp(
    String sourcePath,
    Path source,
    String destination,
    FileKind kind,
    int mode,
    long size,
    String linkTarget,
    boolean topLevel) {

  public CopyOp {
    Objects.requireNonNull(sourcePath, "sourcePath");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(linkTarget, "linkTarget");
    if (!destination.startsWith("/")) {
      throw new IllegalArgumentException("destination must be absolute: " + destination);
    }
  }
}
