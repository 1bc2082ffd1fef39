package dev.berth.store;

import dev.berth.image.Digest;
import java.time.Instant;
import java.util.Objects;

/** What the store knows about a stored blob. */
public record BlobInfo(Digest digest, long size, Instant committed) {

  public BlobInfo {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(committed, "committed");
  }
}
