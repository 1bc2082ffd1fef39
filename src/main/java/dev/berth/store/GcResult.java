package dev.berth.store;

import java.util.Objects;

/** What one garbage collection removed, per kind. */
public record GcResult(Swept blobs, Swept snapshots, Swept cacheRecords, Swept buildCache) {

  public GcResult {
    Objects.requireNonNull(blobs, "blobs");
    Objects.requireNonNull(snapshots, "snapshots");
    Objects.requireNonNull(cacheRecords, "cacheRecords");
    Objects.requireNonNull(buildCache, "buildCache");
  }

  public long totalBytes() {
    return blobs.bytes() + snapshots.bytes() + cacheRecords.bytes() + buildCache.bytes();
  }
}
