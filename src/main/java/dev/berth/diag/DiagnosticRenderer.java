package dev.berth.diag;

import java.util.List;
import java.util.function.Function;

/**
 * Renders diagnostics the way compilers do: {@code file:line:col: error: message}, then the source
 * line and a caret under the column.
 */
public final class DiagnosticRenderer {

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
    out.append("    ").append(line).append('\n');
    int col = Math.max(1, Math.min(r.startColumn(), line.length() + 1));
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
