package dev.berth.dockerfile;

import dev.berth.diag.SourceRange;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code HEALTHCHECK [options] CMD command} or {@code HEALTHCHECK NONE}.
 *
 * @param config empty for {@code NONE}, which turns off a check inherited from the base image
 */
public record Healthcheck(Optional<Config> config, SourceRange range, String original)
    implements Instruction {

  /**
   * The check as the image config stores it.
   *
   * @param test {@code ["CMD-SHELL", "cmd"]} for the shell form, {@code ["CMD", arg...]} for exec
   * @param interval zero when not given (the runtime's default applies)
   */
  public record Config(
      List<String> test,
      Duration interval,
      Duration timeout,
      Duration startPeriod,
      Duration startInterval,
      int retries) {
    public Config {
      test = List.copyOf(test);
      Objects.requireNonNull(interval, "interval");
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(startPeriod, "startPeriod");
      Objects.requireNonNull(startInterval, "startInterval");
    }
  }

  public Healthcheck {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(original, "original");
  }
}
