package dev.berth.image;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Docker's health check ({@code HEALTHCHECK}): the test command and its timing. A zero duration or
 * zero retries means "inherit the default", as docker treats it.
 *
 * <p>{@code test} is {@code ["NONE"]}, {@code ["CMD", args...]} or {@code ["CMD-SHELL", command]};
 * an empty list inherits the test of the base image.
 */
public record Healthcheck(
    List<String> test,
    Duration interval,
    Duration timeout,
    Duration startPeriod,
    Duration startInterval,
    int retries) {

  public Healthcheck {
    test = List.copyOf(test);
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(startPeriod, "startPeriod");
    Objects.requireNonNull(startInterval, "startInterval");
    for (Duration d : List.of(interval, timeout, startPeriod, startInterval)) {
      if (d.isNegative()) {
        throw new IllegalArgumentException("negative healthcheck duration " + d);
      }
    }
    if (retries < 0) {
      throw new IllegalArgumentException("negative healthcheck retries " + retries);
    }
  }

  /** A check that runs {@code test} with default timing. */
  public static Healthcheck of(List<String> test) {
    return new Healthcheck(test, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0);
  }
}
