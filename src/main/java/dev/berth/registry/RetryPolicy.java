package dev.berth.registry;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When to try a request again and how long to wait: on 429 and 5xx answers and on dropped
 * connections, at most {@code maxAttempts} times in all, with exponential backoff capped at {@code
 * maxDelay}, or the registry's own {@code Retry-After} when it sent one (capped the same way).
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
    }
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
  }

  /** Five attempts, waiting 0.5 s, 1 s, 2 s, 4 s between them. */
  public static RetryPolicy standard() {
    return new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(8));
  }

  /** Whether an HTTP status is worth another attempt. */
  public boolean retryable(int status) {
    return status == 429 || (status >= 500 && status <= 599 && status != 501 && status != 505);
  }

  /** Whether attempt number {@code attempt} (from 1) may be followed by another. */
  public boolean mayRetry(int attempt) {
    return attempt < maxAttempts;
  }

  /** How long to wait after failed attempt {@code attempt} (from 1). */
  public Duration delay(int attempt, Optional<Duration> retryAfter) {
    Duration d =
        retryAfter.orElseGet(
            () -> baseDelay.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 20)));
    return d.compareTo(maxDelay) > 0 ? maxDelay : d;
  }

  /** A {@code Retry-After} header in seconds; the HTTP-date form is ignored. */
  static Optional<Duration> parseRetryAfter(Optional<String> header) {
    try {
      return header
          .map(String::trim)
          .map(Long::parseLong)
          .filter(s -> s >= 0)
          .map(Duration::ofSeconds);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
