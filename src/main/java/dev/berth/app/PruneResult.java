package dev.berth.app;

/** What {@code berth system prune} removed. */
public record PruneResult(int blobs, int snapshots, int cacheRecords, long bytes) {}
