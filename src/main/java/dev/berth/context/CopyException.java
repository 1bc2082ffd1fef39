package dev.berth.context;

import dev.berth.diag.DiagnosticException;
import dev.berth.diag.SourceRange;

/**
 * A COPY or ADD that cannot select its sources. It has no position of its own: the caller knows the
 * instruction's place and turns it into a diagnostic there.
 */
public final class CopyException extends Exception {

  private final String code;

  CopyException(String code, String message) {
    super(message);
    this.code = code;
  }

  /** A short stable identifier: {@code copy-source-not-found} or {@code copy-dest-not-dir}. */
  public String code() {
    return code;
  }

  /** The same error placed at the instruction that caused it. */
  public DiagnosticException at(SourceRange range) {
    return DiagnosticException.error(code, getMessage(), range);
  }
}
