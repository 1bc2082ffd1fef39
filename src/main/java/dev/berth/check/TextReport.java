package dev.berth.check;

import dev.berth.diag.Diagnostic;
import dev.berth.diag.DiagnosticRenderer;
import dev.berth.diag.Severity;
import java.util.List;
import java.util.function.Function;

/**
 * The report for a terminal: {@code file:line:col: warning: RuleName: message}, the source line, a
 * caret under the column, and a {@code fix:} line; errors the same way, and a closing count.
 */
public final class TextReport {

  private TextReport() {}

  /**
   * @param sourceLines the lines of a file by its name, for the excerpts
   */
  public static String render(
      List<CheckReport> reports, Function<String, List<String>> sourceLines) {
    DiagnosticRenderer renderer = new DiagnosticRenderer(sourceLines);
    StringBuilder out = new StringBuilder();
    int errors = 0;
    int warnings = 0;
    int infos = 0;
    for (CheckReport r : reports) {
      for (Diagnostic d : r.errors()) {
        out.append(renderer.render(d));
        errors++;
      }
      for (Finding f : r.findings()) {
        out.append(
            renderer.render(
                new Diagnostic(
                    f.severity(),
                    f.rule().name(),
                    f.rule().name() + ": " + f.message(),
                    f.range())));
        out.append("    fix: ").append(f.fix()).append('\n');
        if (f.severity() == Severity.ERROR) {
          errors++;
        } else if (f.severity() == Severity.WARNING) {
          warnings++;
        } else {
          infos++;
        }
      }
    }
    if (errors + warnings + infos == 0) {
      out.append("no findings\n");
    } else {
      out.append(count(errors, "error"))
          .append(", ")
          .append(count(warnings, "warning"))
          .append(", ")
          .append(count(infos, "note"))
          .append('\n');
    }
    return out.toString();
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }
}
