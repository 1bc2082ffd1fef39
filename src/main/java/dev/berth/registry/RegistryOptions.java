package dev.berth.registry;

import dev.berth.image.GoDuration;
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
 * @param connectTimeout how long to wait for a connection to a registry to open
 * @param timeout how long one request may wait for its answer, over all its attempts and the pauses
 *     between them (a body being read is watched by its own idle timeout instead)
 * @param maxConcurrentDownloads how many blobs a pull (or a cache import) fetches at once
 * @param maxConcurrentUploads how many blobs a push uploads at once
 * @param chunkThreshold blobs larger than this are uploaded in chunks
 * @param chunkSize the size of one uploaded chunk
 */
public record RegistryOptions(
    Set<String> insecure,
    RetryPolicy retry,
    Duration connectTimeout,
    Duration timeout,
    int maxConcurrentDownloads,
    int maxConcurrentUploads,
    long chunkThreshold,
    int chunkSize) {

  /** Overrides {@link #maxConcurrentDownloads}, like dockerd's {@code max-concurrent-downloads}. */
  public static final String DOWNLOADS_ENV = "BERTH_MAX_CONCURRENT_DOWNLOADS";

  /** Overrides {@link #maxConcurrentUploads}, like dockerd's {@code max-concurrent-uploads}. */
  public static final String UPLOADS_ENV = "BERTH_MAX_CONCURRENT_UPLOADS";

  /** Overrides {@link #connectTimeout}: a Go duration ({@code 10s}, {@code 1m30s}). */
  public static final String CONNECT_TIMEOUT_ENV = "BERTH_REGISTRY_CONNECT_TIMEOUT";

  /** Overrides {@link #timeout}: a Go duration ({@code 2m}). */
  public static final String TIMEOUT_ENV = "BERTH_REGISTRY_TIMEOUT";

  public RegistryOptions {
    insecure = Set.copyOf(insecure);
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(timeout, "timeout");
    if (!positive(connectTimeout) || !positive(timeout)) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (maxConcurrentDownloads < 1
        || maxConcurrentUploads < 1
        || chunkSize < 1
        || chunkThreshold < 0) {
      throw new IllegalArgumentException("concurrency and chunk sizes must be positive");
    }
  }

  /**
   * dockerd's defaults: a connection opens within 30 s, three downloads and five uploads at a time;
   * chunks of 16 MiB for blobs over 64 MiB. A request gives up 5 minutes after it was first sent.
   */
  public static RegistryOptions defaults() {
    return new RegistryOptions(
        Set.of(),
        RetryPolicy.standard(),
        Duration.ofSeconds(30),
        Duration.ofMinutes(5),
        3,
        5,
        64L << 20,
        16 << 20);
  }

  public RegistryOptions withInsecure(Set<String> registries) {
    return new RegistryOptions(
        registries,
        retry,
        connectTimeout,
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
        connectTimeout,
        timeout,
        maxConcurrentDownloads,
        maxConcurrentUploads,
        chunkThreshold,
        chunkSize);
  }

  public RegistryOptions withChunks(long threshold, int size) {
    return new RegistryOptions(
        insecure,
        retry,
        connectTimeout,
        timeout,
        maxConcurrentDownloads,
        maxConcurrentUploads,
        threshold,
        size);
  }

  public RegistryOptions withConcurrency(int downloads, int uploads) {
    return new RegistryOptions(
        insecure, retry, connectTimeout, timeout, downloads, uploads, chunkThreshold, chunkSize);
  }

  public RegistryOptions withTimeouts(Duration connect, Duration total) {
    return new RegistryOptions(
        insecure,
        retry,
        connect,
        total,
        maxConcurrentDownloads,
        maxConcurrentUploads,
        chunkThreshold,
        chunkSize);
  }

  /**
   * The timeouts {@code BERTH_REGISTRY_CONNECT_TIMEOUT} and {@code BERTH_REGISTRY_TIMEOUT} set,
   * over these.
   *
   * @throws IllegalArgumentException naming the variable when one is not a positive duration
   */
  public RegistryOptions withTimeoutsFrom(Map<String, String> env) {
    return withTimeouts(
        duration(env, CONNECT_TIMEOUT_ENV).orElse(connectTimeout),
        duration(env, TIMEOUT_ENV).orElse(timeout));
  }

  private static Optional<Duration> duration(Map<String, String> env, String name) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return Optional.empty();
    }
    Optional<Duration> d = GoDuration.parse(v.trim()).filter(RegistryOptions::positive);
    if (d.isEmpty()) {
      throw new IllegalArgumentException(
          name + "=" + v + ": expected a positive duration such as 30s or 2m");
    }
    return d;
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

  private static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }
}
