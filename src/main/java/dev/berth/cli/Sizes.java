package dev.berth.cli;

import java.util.Locale;

/** Byte counts as docker prints them (decimal units: 1.2MB). */
final class Sizes {

  private Sizes() {}

  static String human(long bytes) {
    String[] units = {"B", "kB", "MB", "GB", "TB"};
    double v = bytes;
    int u = 0;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    if (u == 0) {
      return bytes + "B";
    }
    return String.format(
        Locale.ROOT, v < 10 ? "%.2f%s" : v < 100 ? "%.1f%s" : "%.0f%s", v, units[u]);
  }
}
