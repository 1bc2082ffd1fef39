package dev.berth.registry;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How berth talks to registries.
 *
 * @param insecure registries (host or host:port) reached over plain HTTP; localhost and 127.0.0.1
 *     always are
 * @param retry when to retry
 * @param timeout how long one request may take to answer
 * @param maxConcurrentDownloads how many blobs a pull (or a cache import) fetches at once
 * @param maxConcurrentUploads how many blobs a push uploads at once
 * @param chunkThreshold blobs larger than this are uploaded in chunks
 * @param chunkSize the size of one uploaded chunk
 */
public record RegistryOptions(
    Set<String> insecure,
    RetryPolicy retry,
    Duration timeout,
    int maxConcurrentDownloads,
    int maxConcurrentUploads,
    long chunkThreshold,
    int chunkSize) {

  /** Overrides {@link #maxConcurrentDownloads}, like dockerd's {@code max-concurrent-downloads}. */
  public static final String DOWNLOADS_ENV = "BERTH_MAX_CONCURRENT_DOWNLOADS";

  /** Overrides {@link #maxConcurrentUploads}, like dockerd's {@code max-concurrent-uploads}. */
  public static final String UPLOADS_ENV = "BERTH_MAX_CONCURRENT_UPLOADS";

  public RegistryOptions {
    insecure = Set.copyOf(insecure);
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(timeout, "timeout");
    if (maxConcurrentDownloads < 1
        || maxConcurrentUploads < 1
        || chunkSize < 1
        || chunkThreshold < 0) {
      throw new IllegalArgumentException("concurrency and chunk sizes must be positive");
    }
  }

  /**
   * dockerd's defaults: three downloads and five uploads at a time; chunks of 16 MiB for blobs over
   * 64 MiB.
   */
  public static RegistryOptions defaults() {
    return new RegistryOptions(
        Set.of(), RetryPolicy.standard(), Duration.ofMinutes(5), 3, 5, 64L << 20, 16 << 20);
  }

  public RegistryOptions withInsecure(Set<String> registries) {
    return new RegistryOptions(
        registries,
        retry,
        timeout,
        maxConcurrentDownloads,
        maxConcurrentUploads,
        chunkThreshold,
        chunkSize);
  }

  public RegistryOptions withRetry(RetryPolicy r) {
    return new RegistryOptions(
        insecure,
        r,
        timeout,
        maxConcurrentDownloads,
        maxConcurrentUploads,
        chunkThreshold,
        chunkSize);
  }

  public RegistryOptions withChunks(long threshold, int size) {
    return new RegistryOptions(
        insecure, retry, timeout, maxConcurrentDownloads, maxConcurrentUploads, threshold, size);
  }

  public RegistryOptions withConcurrency(int downloads, int uploads) {
    return new RegistryOptions(
        insecure, retry, timeout, downloads, uploads, chunkThreshold, chunkSize);
  }

  /**
   * The limits {@code BERTH_MAX_CONCURRENT_DOWNLOADS} and {@code BERTH_MAX_CONCURRENT_UPLOADS} set,
   * over these.
   *
   * @throws IllegalArgumentException naming the variable when one is not a whole number from 1
   */
  public RegistryOptions withConcurrencyFrom(Map<String, String> env) {
    return withConcurrency(
        limit(env, DOWNLOADS_ENV).orElse(maxConcurrentDownloads),
        limit(env, UPLOADS_ENV).orElse(maxConcurrentUploads));
  }

  private static Optional<Integer> limit(Map<String, String> env, String name) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return Optional.empty();
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= 1) {
        return Optional.of(n);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + "=" + v + ": expected a whole number of at least 1");
  }
}
