package dev.berth.compose;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as docker compose reads and writes them: {@code 1m30s}, {@code 1.5h}, {@code 10ms},
 * with {@code d} and {@code w} accepted too, and printed the way Go prints them ({@code 1m30s},
 * {@code 1h0m0s}, {@code 500ms}).
 */
final class GoDuration {

  private static final Pattern PART =
      Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h|d|w)");

  private GoDuration() {}

  /** The duration, or null when the text is not one. */
  static Duration parse(String text) {
    String s = text;
    boolean negative = false;
    if (s.startsWith("-") || s.startsWith("+")) {
      negative = s.startsWith("-");
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      return null;
    }
    Matcher m = PART.matcher(s);
    int at = 0;
    double nanos = 0;
    while (at < s.length()) {
      if (!m.find(at) || m.start() != at || m.group(1).isEmpty() || m.group(1).equals(".")) {
        return null;
      }
      nanos += Double.parseDouble(m.group(1)) * unit(m.group(2));
      at = m.end();
    }
    long n = Math.round(nanos);
    return Duration.ofNanos(negative ? -n : n);
  }

  private static double unit(String u) {
    return switch (u) {
      case "ns" -> 1;
      case "us", "µs", "μs" -> 1e3;
      case "ms" -> 1e6;
      case "s" -> 1e9;
      case "m" -> 60e9;
      case "h" -> 3600e9;
      case "d" -> 86400e9;
      default -> 7 * 86400e9;
    };
  }

  /** Go's {@code time.Duration.String()}. */
  static String format(Duration d) {
    long total = d.toNanos();
    if (total == 0) {
      return "0s";
    }
    boolean negative = total < 0;
    long u = Math.abs(total);
    String out;
    if (u < 1_000_000_000L) {
      if (u < 1_000L) {
        out = u + "ns";
      } else if (u < 1_000_000L) {
        out = fraction(u, 3) + "µs";
      } else {
        out = fraction(u, 6) + "ms";
      }
    } else {
      long seconds = u / 1_000_000_000L;
      String frac = fractionDigits(u % 1_000_000_000L, 9);
      StringBuilder b = new StringBuilder();
      long minutes = seconds / 60;
      long hours = minutes / 60;
      if (hours > 0) {
        b.append(hours).append('h');
      }
      if (minutes > 0) {
        b.append(minutes % 60).append('m');
      }
      b.append(seconds % 60).append(frac).append('s');
      out = b.toString();
    }
    return negative ? "-" + out : out;
  }

  private static String fraction(long v, int precision) {
    long scale = (long) Math.pow(10, precision);
    return (v / scale) + fractionDigits(v % scale, precision);
  }

  private static String fractionDigits(long frac, int precision) {
    if (frac == 0) {
      return "";
    }
    String digits = String.format("%0" + precision + "d", frac);
    int end = digits.length();
    while (end > 0 && digits.charAt(end - 1) == '0') {
      end--;
    }
    return "." + digits.substring(0, end);
  }
}
