package dev.berth.diag;

import java.util.Objects;

/**
 * A place in a source file: 1-based lines and columns, end inclusive of its line. A range with line
 * 0 stands for "the whole file" (used when a file is empty, for example).
 */
public record SourceRange(String file, int startLine, int startColumn, int endLine, int endColumn) {

  public SourceRange {
    Objects.requireNonNull(file, "file");
    if (startLine < 0 || startColumn < 0 || endLine < startLine) {
      throw new IllegalArgumentException(
          "bad range " + startLine + ":" + startColumn + "-" + endLine + ":" + endColumn);
    }
  }

  /** A point: one line and column. */
  public static SourceRange at(String file, int line, int column) {
    return new SourceRange(file, line, column, line, column);
  }

  /** A range over whole lines. */
  public static SourceRange lines(String file, int startLine, int endLine) {
    return new SourceRange(file, startLine, 1, endLine, 1);
  }

  /** The whole file, with no particular line. */
  public static SourceRange file(String file) {
    return new SourceRange(file, 0, 0, 0, 0);
  }

  public boolean hasLine() {
    return startLine > 0;
  }

  /** {@code file:line:col}, or just the file when there is no line. */
  @Override
  public String toString() {
    if (!hasLine()) {
      return file;
    }
    return file + ":" + startLine + ":" + Math.max(startColumn, 1);
  }
}
