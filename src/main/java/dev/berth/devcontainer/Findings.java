package dev.berth.devcontainer;

import dev.berth.diag.BerthException;
import dev.berth.diag.Diagnostic;
import dev.berth.diag.Severity;
import dev.berth.diag.SourceRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Collects what reading a file finds wrong, placing each finding by the JSON pointer of the value.
 * A lenient collector (for metadata read from an image label, which the user cannot fix in place)
 * turns errors into warnings and the value is skipped instead.
 */
final class Findings {

  private final Function<String, SourceRange> where;
  private final boolean lenient;
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  Findings(Function<String, SourceRange> where, boolean lenient) {
    this.where = where;
    this.lenient = lenient;
  }

  static Findings strict(JsoncDocument doc) {
    return new Findings(doc::rangeOf, false);
  }

  /** Findings about JSON that has no file, such as an image label; all of them warnings. */
  static Findings lenient(String origin) {
    return new Findings(pointer -> SourceRange.file(origin), true);
  }

  void error(String pointer, String code, String message) {
    diagnostics.add(
        new Diagnostic(
            lenient ? Severity.WARNING : Severity.ERROR, code, message, where.apply(pointer)));
  }

  void warning(String pointer, String code, String message) {
    diagnostics.add(Diagnostic.warning(code, message, where.apply(pointer)));
  }

  void warningAt(SourceRange range, String code, String message) {
    diagnostics.add(Diagnostic.warning(code, message, range));
  }

  /** Throws the errors, if there are any, and otherwise returns the warnings; in file order. */
  List<Diagnostic> warningsOrThrow() throws BerthException {
    List<Diagnostic> errors = all().stream().filter(d -> d.severity() == Severity.ERROR).toList();
    if (!errors.isEmpty()) {
      throw new BerthException(errors);
    }
    return all();
  }

  /** Everything found, in the order of the places found at. */
  List<Diagnostic> all() {
    return diagnostics.stream().sorted(IN_FILE_ORDER).toList();
  }

  private static final Comparator<Diagnostic> IN_FILE_ORDER =
      Comparator.comparing((Diagnostic d) -> d.range().file())
          .thenComparingInt(d -> d.range().startLine())
          .thenComparingInt(d -> d.range().startColumn());
}
