package dev.berth.dockerfile.shell;

import java.util.Objects;

/** A word that cannot be expanded: bad syntax, or a {@code ${VAR?message}} on an unset variable. */
public final class ExpansionException extends Exception {

  private final String word;
  private final int offset;
  private final String reason;

  ExpansionException(String word, int offset, String reason) {
    super(
        "failed to process "
            + Quoting.quote(ShellLimits.brief(word))
            + ": "
            + reason
            + " (at character "
            + (word.codePointCount(0, Math.min(offset, word.length())) + 1)
            + ")");
    this.word = Objects.requireNonNull(word, "word");
    this.offset = offset;
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The word as given. */
  public String word() {
    return word;
  }

  /**
   * Where in the word the problem starts, as a 0-based {@code char} index: the opening quote or
   * {@code $} of the construct that is wrong, so a caller can map it to a source column.
   */
  public int offset() {
    return offset;
  }

  /** What was wrong, without the word: "syntax error: missing '}'". */
  public String reason() {
    return reason;
  }
}
