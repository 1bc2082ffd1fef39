package dev.berth.context;

/** A glob pattern that cannot be compiled, with the 1-based column where the problem is. */
final class BadPatternException extends Exception {

  private final int column;

  BadPatternException(String message, int column) {
    super(message);
    this.column = column;
  }

  int column() {
    return column;
  }
}
