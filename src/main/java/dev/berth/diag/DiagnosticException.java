package dev.berth.diag;

import java.util.List;

/** The one checked exception for bad input: it carries the diagnostics that explain it. */
public final class DiagnosticException extends Exception {

  private final List<Diagnostic> diagnostics;

  public DiagnosticException(List<Diagnostic> diagnostics) {
    super(summary(diagnostics));
    if (diagnostics.isEmpty()) {
      throw new IllegalArgumentException("a DiagnosticException needs at least one diagnostic");
    }
    this.diagnostics = List.copyOf(diagnostics);
  }

  public DiagnosticException(Diagnostic diagnostic) {
    this(List.of(diagnostic));
  }

  /** Shorthand for a single error. */
  public static DiagnosticException error(String code, String message, SourceRange range) {
    return new DiagnosticException(Diagnostic.error(code, message, range));
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /** The first diagnostic, usually the one that stopped the work. */
  public Diagnostic first() {
    return diagnostics.get(0);
  }

  private static String summary(List<Diagnostic> diagnostics) {
    return diagnostics.isEmpty() ? "" : diagnostics.get(0).toString();
  }
}
