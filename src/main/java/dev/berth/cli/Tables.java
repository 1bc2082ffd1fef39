package dev.berth.cli;

import java.io.PrintWriter;
import java.util.List;

/** Columns padded to the widest cell and three spaces apart, as docker prints its tables. */
final class Tables {

  private Tables() {}

  static void print(PrintWriter out, List<List<String>> rows) {
    int columns = rows.get(0).size();
    int[] width = new int[columns];
    for (List<String> r : rows) {
      for (int i = 0; i < columns; i++) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    for (List<String> r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(r.get(i));
        if (i < columns - 1) {
          line.append(" ".repeat(width[i] - r.get(i).length() + 3));
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
