package dev.berth.diag;

import java.util.Objects;

/**
 * One finding about an input file: an error that stops the work, or a warning that does not.
 *
 * @param code a short stable identifier (for example {@code unknown-instruction}) that scripts and
 *     tests can match on
 */
public record Diagnostic(Severity severity, String code, String message, SourceRange range) {

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(range, "range");
    message = clipped(message);
  }

  /** The longest message kept whole: the input a message quotes can be a 64 KiB line. */
  static final int MAX_MESSAGE = 1000;

  /** The message with its middle cut when it passes {@link #MAX_MESSAGE} characters. */
  static String clipped(String message) {
    if (message.length() <= MAX_MESSAGE) {
      return message;
    }
    int keep = MAX_MESSAGE / 2 - 40;
    return message.substring(0, keep)
        + "... ("
        + (message.length() - 2 * keep)
        + " characters cut) ..."
        + message.substring(message.length() - keep);
  }

  public static Diagnostic error(String code, String message, SourceRange range) {
    return new Diagnostic(Severity.ERROR, code, message, range);
  }

  public static Diagnostic warning(String code, String message, SourceRange range) {
    return new Diagnostic(Severity.WARNING, code, message, range);
  }

  /** {@code file:line:col: error: message}. */
  @Override
  public String toString() {
    return range + ": " + severity.label() + ": " + message;
  }
}
