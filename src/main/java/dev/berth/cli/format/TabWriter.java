package dev.berth.cli.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligns tab-separated cells into columns the way Go's {@code text/tabwriter} does with docker's
 * settings (minimum width 10, padding 3, spaces): a column block is a run of consecutive lines that
 * have a cell in that column, and each block is as wide as its widest cell plus the padding. The
 * text after a line's last tab is not part of any column.
 */
public final class TabWriter {

  private static final int MIN_WIDTH = 10;
  private static final int PADDING = 3;

  private final List<List<String>> lines = new ArrayList<>();
  private final List<Integer> widths = new ArrayList<>();
  private final StringBuilder out = new StringBuilder();

  private TabWriter(String text) {
    List<String> rows = new ArrayList<>(List.of(text.split("\n", -1)));
    boolean trailingNewline = text.endsWith("\n");
    if (trailingNewline) {
      rows.remove(rows.size() - 1);
    }
    for (String row : rows) {
      lines.add(List.of(row.split("\t", -1)));
    }
  }

  /** {@code text} with its tab-separated cells aligned. */
  public static String align(String text) {
    if (text.isEmpty()) {
      return text;
    }
    TabWriter w = new TabWriter(text);
    w.format(0, w.lines.size());
    String aligned = w.out.toString();
    return text.endsWith("\n") ? aligned : aligned.substring(0, aligned.length() - 1);
  }

  private void format(int line0, int line1) {
    int column = widths.size();
    for (int l = line0; l < line1; l++) {
      if (column >= lines.get(l).size() - 1) {
        continue;
      }
      // A cell in this column: the lines before it are done, a block starts here.
      write(line0, l);
      line0 = l;
      int width = MIN_WIDTH;
      for (; l < line1; l++) {
        List<String> line = lines.get(l);
        if (column >= line.size() - 1) {
          break;
        }
        width = Math.max(width, cellWidth(line.get(column)) + PADDING);
      }
      widths.add(width);
      format(line0, l);
      widths.remove(widths.size() - 1);
      line0 = l;
      l--;
    }
    write(line0, line1);
  }

  private void write(int from, int to) {
    for (int l = from; l < to; l++) {
      List<String> line = lines.get(l);
      for (int j = 0; j < line.size(); j++) {
        String cell = line.get(j);
        out.append(cell);
        if (j < widths.size()) {
          out.append(" ".repeat(Math.max(0, widths.get(j) - cellWidth(cell))));
        }
      }
      out.append('\n');
    }
  }

  private static int cellWidth(String cell) {
    return cell.codePointCount(0, cell.length());
  }
}
