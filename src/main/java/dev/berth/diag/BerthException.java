package dev.berth.diag;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * berth's one exception: a kind, a stable code, a message that names the object, and, for errors
 * with a place in an input file, the diagnostics that point there; {@code details} holds extra
 * lines to show (such as the last output of a failed command). Context is added by wrapping, as in
 * containerd ({@code pull manifest for app:1: ...}), keeping the kind.
 */
public final class BerthException extends IOException {

  private static final long serialVersionUID = 1L;

  private final ErrorKind kind;
  private final String code;
  private final transient List<Diagnostic> diagnostics;
  private final transient List<String> details;

  private BerthException(
      ErrorKind kind,
      String code,
      String message,
      List<Diagnostic> diagnostics,
      List<String> details,
      Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.code = Objects.requireNonNull(code, "code");
    this.diagnostics = List.copyOf(diagnostics);
    this.details = List.copyOf(details);
  }

  public BerthException(ErrorKind kind, String message) {
    this(kind, "", message, List.of(), List.of(), null);
  }

  public BerthException(ErrorKind kind, String message, Throwable cause) {
    this(kind, "", message, List.of(), List.of(), cause);
  }

  /** With a stable code, such as {@code copy-source-not-found} or a registry's {@code DENIED}. */
  public BerthException(ErrorKind kind, String code, String message) {
    this(kind, code, message, List.of(), List.of(), null);
  }

  public BerthException(ErrorKind kind, String code, String message, Throwable cause) {
    this(kind, code, message, List.of(), List.of(), cause);
  }

  /** Bad input located by diagnostics (the first is the one that stopped the work). */
  public BerthException(List<Diagnostic> diagnostics) {
    this(
        ErrorKind.INVALID_INPUT,
        first(diagnostics).code(),
        first(diagnostics).toString(),
        diagnostics,
        List.of(),
        null);
  }

  public BerthException(Diagnostic diagnostic) {
    this(List.of(diagnostic));
  }

  /** A single located error of bad input. */
  public static BerthException error(String code, String message, SourceRange range) {
    return new BerthException(Diagnostic.error(code, message, range));
  }

  public static BerthException notFound(String message) {
    return new BerthException(ErrorKind.NOT_FOUND, message);
  }

  public static BerthException invalid(String message) {
    return new BerthException(ErrorKind.INVALID_INPUT, message);
  }

  public static BerthException invalid(String message, Throwable cause) {
    return new BerthException(ErrorKind.INVALID_INPUT, message, cause);
  }

  public static BerthException conflict(String message) {
    return new BerthException(ErrorKind.CONFLICT, message);
  }

  public static BerthException precondition(String message) {
    return new BerthException(ErrorKind.FAILED_PRECONDITION, message);
  }

  public static BerthException failed(String message) {
    return new BerthException(ErrorKind.FAILED, message);
  }

  public ErrorKind kind() {
    return kind;
  }

  /** A short stable identifier scripts and callers can match on; empty when none was given. */
  public String code() {
    return code;
  }

  /** Where in the input files the error is; empty when it has no place in a file. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /** The first diagnostic; only for errors that have one. */
  public Diagnostic first() {
    if (diagnostics.isEmpty()) {
      throw new IllegalStateException("no diagnostics: " + getMessage());
    }
    return diagnostics.get(0);
  }

  /** Lines to show after the message, such as a failed command's last output. */
  public List<String> details() {
    return details;
  }

  /** The same error placed at {@code range} in an input file, with the same kind and code. */
  public BerthException at(SourceRange range) {
    Diagnostic d = Diagnostic.error(code.isEmpty() ? "error" : code, getMessage(), range);
    return new BerthException(kind, code, d.toString(), List.of(d), details, this);
  }

  /** The same error with diagnostics that locate it (replacing any it had). */
  public BerthException located(List<Diagnostic> located) {
    return new BerthException(
        kind,
        code,
        first(located).toString(),
        located,
        details,
        getCause() == null ? this : getCause());
  }

  /** The same error with lines to show after it. */
  public BerthException withDetails(List<String> lines) {
    return new BerthException(kind, code, getMessage(), diagnostics, lines, getCause());
  }

  /** The same error with {@code context} in front of its message: "context: message". */
  public BerthException wrap(String context) {
    return new BerthException(
        kind, code, context + ": " + getMessage(), diagnostics, details, this);
  }

  /**
   * A failure with the same kind as {@code e} when it is a BerthException, else the kind {@link
   * FileErrors} gives it (FAILED unless the user's files are at fault), worded as it words it.
   */
  public static BerthException wrap(String context, IOException e) {
    if (e instanceof BerthException b) {
      return b.wrap(context);
    }
    return new BerthException(FileErrors.kind(e), context + ": " + FileErrors.describe(e), e);
  }

  private static Diagnostic first(List<Diagnostic> diagnostics) {
    if (diagnostics.isEmpty()) {
      throw new IllegalArgumentException("a located BerthException needs at least one diagnostic");
    }
    return diagnostics.get(0);
  }
}
