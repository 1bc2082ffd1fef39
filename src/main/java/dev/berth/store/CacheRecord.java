package dev.berth.store;

import dev.berth.image.Digest;
import java.util.List;
import java.util.Objects;

/**
 * A build-cache record: a small value (JSON or bytes) stored under a cache key, and the blobs it
 * relies on. It lives only as long as every one of those blobs is reachable from a ref.
 */
public record CacheRecord(Digest key, byte[] value, List<Digest> blobs) {

  public CacheRecord {
    Objects.requireNonNull(key, "key");
    value = value.clone();
    blobs = List.copyOf(blobs);
  }

  @Override
  public byte[] value() {
    return value.clone();
  }
}
