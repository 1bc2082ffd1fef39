package dev.berth.dockerfile.syntax;

import dev.berth.diag.SourceRange;
import java.util.Arrays;

/**
 * An instruction's text with its continuation lines joined, remembering for every character the
 * line and column it came from, so errors found in the joined text point at the file.
 */
final class LogicalLine {

  private final String file;
  private final String text;
  private final int[] lines;
  private final int[] columns;
  private final int firstLine;
  private final int firstColumn;

  private LogicalLine(
      String file, String text, int[] lines, int[] columns, int firstLine, int firstColumn) {
    this.file = file;
    this.text = text;
    this.lines = lines;
    this.columns = columns;
    this.firstLine = firstLine;
    this.firstColumn = firstColumn;
  }

  String text() {
    return text;
  }

  /** The point in the file of the character at {@code index}; the end index points just past it. */
  SourceRange at(int index) {
    if (text.isEmpty()) {
      return SourceRange.at(file, firstLine, firstColumn);
    }
    if (index >= text.length()) {
      int last = text.length() - 1;
      return SourceRange.at(file, lines[last], columns[last] + 1);
    }
    return SourceRange.at(file, lines[Math.max(index, 0)], columns[Math.max(index, 0)]);
  }

  /** Collects the pieces of a logical line. */
  static final class Builder {
    private final String file;
    private final int firstLine;
    private final int firstColumn;
    private final StringBuilder text = new StringBuilder();
    private int[] lines = new int[64];
    private int[] columns = new int[64];

    Builder(String file, int firstLine, int firstColumn) {
      this.file = file;
      this.firstLine = firstLine;
      this.firstColumn = firstColumn;
    }

    /** Appends {@code s[from, to)}, whose first character sits at {@code line:column}. */
    Builder append(String s, int from, int to, int line, int column) {
      for (int i = from; i < to; i++) {
        int n = text.length();
        if (n == lines.length) {
          lines = Arrays.copyOf(lines, n * 2);
          columns = Arrays.copyOf(columns, n * 2);
        }
        lines[n] = line;
        columns[n] = column + (i - from);
        text.append(s.charAt(i));
      }
      return this;
    }

    LogicalLine build() {
      int n = text.length();
      return new LogicalLine(
          file,
          text.toString(),
          Arrays.copyOf(lines, n),
          Arrays.copyOf(columns, n),
          firstLine,
          firstColumn);
    }
  }
}
