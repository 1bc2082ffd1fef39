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
