package dev.berth.compose;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes such as {@code 64m} or {@code 1g} (powers of 1024), as docker reads them. */
final class ByteSize {
  private static final Pattern SIZE =
      Pattern.compile("^(\\d+(?:\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$");

  private ByteSize() {}

  /** The size in bytes, or null when the text is not a size. */
  static Long parse(String text) {
    Matcher m = SIZE.matcher(text);
    if (!m.matches()) {
      return null;
    }
    double v = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
    int power = "kmgtp".indexOf(unit.isEmpty() ? "x" : unit) + 1;
    return (long) (v * Math.pow(1024, power));
  }
}
