package dev.berth.compose;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A service's healthcheck.
 *
 * @param test empty when not set; otherwise {@code ["CMD", ...]}, {@code ["CMD-SHELL", cmd]} (a
 *     string test) or {@code ["NONE"]}
 * @param disable set by {@code disable: true}: the image's healthcheck is turned off
 */
public record HealthcheckConfig(
    List<String> test,
    Optional<Duration> timeout,
    Optional<Duration> interval,
    Optional<Long> retries,
    Optional<Duration> startPeriod,
    Optional<Duration> startInterval,
    boolean disable) {

  public HealthcheckConfig {
    test = List.copyOf(test);
  }
}
