package dev.berth.context;

import dev.berth.image.Digest;
import java.util.Objects;

/**
 * The digest of one copied entry: its kind, permission bits, size, symlink target and bytes.
 *
 * @param content the SHA-256 of a file's bytes; for directories and symlinks, of nothing
 */
public record FileDigest(
    String sourcePath, String destination, FileKind kind, int mode, Digest content, Digest entry) {

  public FileDigest {
    Objects.requireNonNull(sourcePath, "sourcePath");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(entry, "entry");
  }
}
