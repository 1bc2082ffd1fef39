package dev.berth.compose;

import java.util.Optional;

/**
 * A service's {@code restart:} value, as Docker Compose reads it: {@code no}, {@code always},
 * {@code unless-stopped}, or {@code on-failure} with an optional most number of restarts.
 *
 * @param mode when the container is started again
 * @param maxRetries for {@code on-failure}, how many restarts at most (none: no limit)
 */
public record RestartPolicy(Mode mode, Optional<Integer> maxRetries) {

  /** When a container that ended is started again. */
  public enum Mode {
    NO,
    ALWAYS,
    UNLESS_STOPPED,
    ON_FAILURE
  }

  public static final RestartPolicy NO = new RestartPolicy(Mode.NO, Optional.empty());

  /** Parses a {@code restart:} value; the message of the exception says what was expected. */
  public static RestartPolicy parse(String value) {
    String v = value.strip();
    switch (v) {
      case "", "no" -> {
        return NO;
      }
      case "always" -> {
        return new RestartPolicy(Mode.ALWAYS, Optional.empty());
      }
      case "unless-stopped" -> {
        return new RestartPolicy(Mode.UNLESS_STOPPED, Optional.empty());
      }
      case "on-failure" -> {
        return new RestartPolicy(Mode.ON_FAILURE, Optional.empty());
      }
      default -> {
        if (v.startsWith("on-failure:")) {
          String n = v.substring("on-failure:".length());
          try {
            int max = Integer.parseInt(n);
            if (max >= 0) {
              return new RestartPolicy(Mode.ON_FAILURE, Optional.of(max));
            }
          } catch (NumberFormatException e) {
            // reported below
          }
          throw new IllegalArgumentException(
              "invalid restart policy '"
                  + value
                  + "': the count after on-failure: must be a number"
                  + " of 0 or more");
        }
        throw new IllegalArgumentException(
            "invalid restart policy '"
                + value
                + "': expected no, always, unless-stopped, on-failure or on-failure:N");
      }
    }
  }

  /**
   * Whether a container that ended with {@code exitCode} after {@code restarts} restarts goes on.
   */
  public boolean restarts(int exitCode, int restarts) {
    return switch (mode) {
      case NO -> false;
      case ALWAYS, UNLESS_STOPPED -> true;
      case ON_FAILURE -> exitCode != 0 && maxRetries.map(m -> restarts < m).orElse(true);
    };
  }
}
