package dev.berth.registry;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How berth talks to registries.
 *
 * @param insecure registries (host or host:port) reached over plain HTTP; localhost and 127.0.0.1
 *     always are
 * @param retry when to retry
 * @param timeout how long one request may take to answer
 * @param parallelism how many blobs move at once
 * @param chunkThreshold blobs larger than this are uploaded in chunks
 * @param chunkSize the size of one uploaded chunk
 */
public record RegistryOptions(
    Set<String> insecure,
    RetryPolicy retry,
    Duration timeout,
    int parallelism,
    long chunkThreshold,
    int chunkSize) {

  public RegistryOptions {
    insecure = Set.copyOf(insecure);
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(timeout, "timeout");
    if (parallelism < 1 || chunkSize < 1 || chunkThreshold < 0) {
      throw new IllegalArgumentException("parallelism and chunk sizes must be positive");
    }
  }

  /** Three blobs at a time; chunks of 16 MiB for blobs over 64 MiB. */
  public static RegistryOptions defaults() {
    return new RegistryOptions(
        Set.of(), RetryPolicy.standard(), Duration.ofMinutes(5), 3, 64L << 20, 16 << 20);
  }

  public RegistryOptions withInsecure(Set<String> registries) {
    return new RegistryOptions(registries, retry, timeout, parallelism, chunkThreshold, chunkSize);
  }

  public RegistryOptions withRetry(RetryPolicy r) {
    return new RegistryOptions(insecure, r, timeout, parallelism, chunkThreshold, chunkSize);
  }

  public RegistryOptions withChunks(long threshold, int size) {
    return new RegistryOptions(insecure, retry, timeout, parallelism, threshold, size);
  }
}
