package dev.berth.store;

import dev.berth.image.Descriptor;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one garbage collection keeps and takes, besides what the refs and leases reach.
 *
 * @param extraRoots more manifests to keep as if a ref named them (dangling images a prune's filter
 *     spared)
 * @param keepCacheBlobs keep the build-cache records and the blobs they name (an image prune leaves
 *     the build cache alone, as docker's does); otherwise a record goes with its blobs' last ref
 * @param buildCache also sweep the build-cache rooms (context caches, cache mounts, explain
 *     records)
 * @param until only room entries last written before this time; every entry when empty
 */
public record GcRequest(
    List<Descriptor> extraRoots,
    boolean keepCacheBlobs,
    boolean buildCache,
    Optional<Instant> until) {

  public GcRequest {
    extraRoots = List.copyOf(extraRoots);
    Objects.requireNonNull(until, "until");
  }

  /** Everything no ref or lease reaches, with the rooms when {@code buildCache}. */
  public static GcRequest unreachable(Optional<Instant> until, boolean buildCache) {
    return new GcRequest(List.of(), false, buildCache, until);
  }
}
