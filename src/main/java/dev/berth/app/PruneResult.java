package dev.berth.app;

/**
 * What {@code berth system prune} removed: unreachable blobs, snapshots and cache records, and
 * build-cache entries (context digest caches, cache mounts, explain records), with the bytes.
 */
public record PruneResult(
    int blobs, int snapshots, int cacheRecords, int buildCache, long buildCacheBytes, long bytes) {}
