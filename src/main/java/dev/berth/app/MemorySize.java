package dev.berth.app;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes such as {@code --shm-size 128m} as docker reads them (go-units' RAMInBytes): a number, then
 * an optional unit {@code b}, {@code k}, {@code m}, {@code g}, {@code t} or {@code p} (powers of
 * 1024, any case, {@code kb} and {@code kib} alike).
 */
public final class MemorySize {

  private static final Pattern SIZE =
      Pattern.compile("(\\d+(?:\\.\\d+)?) ?([kmgtp]?)(?:i?b)?", Pattern.CASE_INSENSITIVE);

  private MemorySize() {}

  /**
   * The size in bytes.
   *
   * @throws IllegalArgumentException in docker's words
   */
  public static long parse(String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid size: '" + text + "'");
    }
    double v = Double.parseDouble(m.group(1));
    String unit = m.group(2).toLowerCase(Locale.ROOT);
    int power = unit.isEmpty() ? 0 : "kmgtp".indexOf(unit) + 1;
    return (long) (v * Math.pow(1024, power));
  }
}
