package dev.berth.diag;

import java.util.List;
import java.util.function.Function;

/**
 * Renders diagnostics the way compilers do: {@code file:line:col: error: message}, then the source
 * line and a caret under the column.
 */
public final class DiagnosticRenderer {

  /** The most of a source line shown under a diagnostic. */
  static final int SHOWN_LINE = 160;

  private final Function<String, List<String>> sourceLines;

  /**
   * @param sourceLines the lines of a file by its name, or an empty list when it cannot be read
   */
  public DiagnosticRenderer(Function<String, List<String>> sourceLines) {
    this.sourceLines = sourceLines;
  }

  public String render(Diagnostic d) {
    StringBuilder out = new StringBuilder(d.toString()).append('\n');
    SourceRange r = d.range();
    if (!r.hasLine()) {
      return out.toString();
    }
    List<String> lines = sourceLines.apply(r.file());
    if (r.startLine() > lines.size()) {
      return out.toString();
    }
    String line = lines.get(r.startLine() - 1).replace('\t', ' ');
    int col = Math.max(1, Math.min(r.startColumn(), line.length() + 1));
    // A long line is shown as the stretch around the column, so a 64 KB line stays one screen.
    if (line.length() > SHOWN_LINE) {
      int from = Math.max(0, Math.min(col - 1 - SHOWN_LINE / 2, line.length() - SHOWN_LINE));
      int to = Math.min(line.length(), from + SHOWN_LINE);
      String prefix = from > 0 ? "…" : "";
      line = prefix + line.substring(from, to) + (to < line.length() ? "…" : "");
      col = col - from + prefix.length();
    }
    out.append("    ").append(line).append('\n');
    out.append("    ").append(" ".repeat(col - 1)).append("^\n");
    return out.toString();
  }

  public String render(List<Diagnostic> diagnostics) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      out.append(render(d));
    }
    return out.toString();
  }
}
