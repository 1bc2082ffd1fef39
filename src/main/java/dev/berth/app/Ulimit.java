package dev.berth.app;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code --ulimit NAME=SOFT[:HARD]}: a resource limit of the container's processes, with docker's
 * names ({@code nofile}, {@code nproc}, ...) and {@code -1} for unlimited.
 */
public record Ulimit(String name, long soft, long hard) {

  /** The names docker accepts, each {@code RLIMIT_} and its upper case in the OCI config. */
  public static final List<String> NAMES =
      List.of(
          "as",
          "core",
          "cpu",
          "data",
          "fsize",
          "locks",
          "memlock",
          "msgqueue",
          "nice",
          "nofile",
          "nproc",
          "rss",
          "rtprio",
          "rttime",
          "sigpending",
          "stack");

  public Ulimit {
    Objects.requireNonNull(name, "name");
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("invalid ulimit type: " + name);
    }
    if (hard != -1 && (soft == -1 || soft > hard)) {
      throw new IllegalArgumentException(
          "ulimit soft limit must be less than or equal to hard limit: " + soft + " > " + hard);
    }
  }

  /**
   * docker's syntax (go-units' ParseUlimit).
   *
   * @throws IllegalArgumentException in docker's words
   */
  public static Ulimit parse(String spec) {
    int eq = spec.indexOf('=');
    if (eq < 0) {
      throw new IllegalArgumentException("invalid ulimit argument: " + spec);
    }
    String name = spec.substring(0, eq).toLowerCase(Locale.ROOT);
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("invalid ulimit type: " + spec.substring(0, eq));
    }
    String[] parts = spec.substring(eq + 1).split(":", -1);
    if (parts.length > 2) {
      throw new IllegalArgumentException(
          "too many limit value arguments - "
              + spec.substring(eq + 1)
              + ", can only have up to two, `soft[:hard]`");
    }
    long soft = value(parts[0]);
    long hard = parts.length == 2 ? value(parts[1]) : soft;
    return new Ulimit(name, soft, hard);
  }

  private static long value(String text) {
    try {
      long v = Long.parseLong(text);
      if (v < -1) {
        throw new IllegalArgumentException("invalid ulimit argument: " + text);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid ulimit argument: " + text);
    }
  }

  /** The OCI config's type: {@code RLIMIT_NOFILE}. */
  public String rlimitType() {
    return "RLIMIT_" + name.toUpperCase(Locale.ROOT);
  }

  /** As docker prints it: {@code nofile=1024:2048}. */
  @Override
  public String toString() {
    return name + "=" + soft + ":" + hard;
  }
}
