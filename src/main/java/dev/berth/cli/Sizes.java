package dev.berth.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Byte counts as docker prints them (decimal units, Go's {@code %.3g}: 1.98MB, 1.5kB, 123B). */
final class Sizes {

  private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};

  private Sizes() {}

  /** docker's {@code HumanSizeWithPrecision(bytes, 3)}, what its SIZE columns show. */
  static String human(long bytes) {
    return human(bytes, 3);
  }

  /** With {@code precision} significant digits; docker's VirtualSize uses 4. */
  static String human(long bytes, int precision) {
    double v = bytes;
    int u = 0;
    while (v >= 1000 && u < UNITS.length - 1) {
      v /= 1000;
      u++;
    }
    return significant(v, precision) + UNITS[u];
  }

  /** docker's {@code BytesSize}: binary units with 4 significant digits (7.763GiB). */
  static String binary(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return significant(v, 4) + units[u];
  }

  /** Go's {@code %.Ng}: N significant digits, no trailing zeros, exponent form from 10^N. */
  static String significant(double v, int digits) {
    if (v == 0) {
      return "0";
    }
    BigDecimal b =
        new BigDecimal(v)
            .round(new MathContext(digits, RoundingMode.HALF_EVEN))
            .stripTrailingZeros();
    int exp = b.precision() - b.scale() - 1;
    if (exp < -4 || exp >= digits) {
      String d = b.unscaledValue().abs().toString();
      String mantissa = d.length() == 1 ? d : d.charAt(0) + "." + d.substring(1);
      return (b.signum() < 0 ? "-" : "")
          + mantissa
          + "e"
          + (exp < 0 ? "-" : "+")
          + String.format(java.util.Locale.ROOT, "%02d", Math.abs(exp));
    }
    return b.toPlainString();
  }
}
