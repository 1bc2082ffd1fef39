package dev.berth.cli.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.diag.BerthException;
import java.util.List;

/**
 * What a {@code --format} flag asks for, as docker reads it: {@code json} (one JSON object per
 * line), {@code table} (the command's default columns) or {@code table TEMPLATE} (a header row and
 * aligned columns), or a bare template (one line per object, nothing aligned). In a list command's
 * format, {@code \t} and {@code \n} written as two characters stand for a tab and a newline, as
 * docker's formatter reads them.
 */
public sealed interface OutputFormat {

  /** {@code json}: each object as compact JSON on its own line. */
  record Json() implements OutputFormat {}

  /** {@code table ...}: a header row and the rows, columns aligned at tabs. */
  record Table(Template template) implements OutputFormat {}

  /** A template printed once per object, followed by a newline. */
  record Plain(Template template) implements OutputFormat {}

  /**
   * The columns of one list command: the Go type name the rows stand for (for error messages), the
   * header text of each field, and the template {@code table} alone means.
   */
  record Columns(String structName, ObjectNode headers, String defaultTable) {}

  /**
   * Reads a list command's {@code --format} value; {@code null} or empty means the default table.
   */
  static OutputFormat ofList(String flag, Columns columns) throws BerthException {
    String f = flag == null ? "" : flag.strip();
    if (f.equals("json")) {
      return new Json();
    }
    if (f.isEmpty() || f.equals("table")) {
      return new Table(Template.parse(columns.defaultTable()));
    }
    String escaped = unescape(f);
    if (f.startsWith("table")) {
      return new Table(Template.parse(escaped.substring("table".length()).strip()));
    }
    return new Plain(Template.parse(escaped));
  }

  /** Reads {@code inspect}'s {@code --format}: {@code json} or a template, taken literally. */
  static OutputFormat ofInspect(String flag) throws BerthException {
    if (flag.strip().equals("json")) {
      return new Json();
    }
    return new Plain(Template.parse(flag));
  }

  /** The rows of a list command in this format. */
  default String renderList(List<? extends JsonNode> rows, Columns columns) throws BerthException {
    StringBuilder out = new StringBuilder();
    if (this instanceof Json) {
      for (JsonNode row : rows) {
        out.append(Builtins.htmlEscaped(jsonLine(row))).append('\n');
      }
      return out.toString();
    }
    Template t = this instanceof Table table ? table.template() : ((Plain) this).template();
    for (JsonNode row : rows) {
      out.append(t.executeOnStruct(row, columns.structName())).append('\n');
    }
    if (this instanceof Plain) {
      return out.toString();
    }
    String header = t.executeOnStruct(columns.headers(), columns.structName());
    return TabWriter.align(header + "\n" + out);
  }

  /** Objects that are maps (inspect's), each template result on its own line. */
  default String renderMaps(List<? extends JsonNode> objects) throws BerthException {
    StringBuilder out = new StringBuilder();
    for (JsonNode o : objects) {
      if (this instanceof Json) {
        out.append(jsonLine(o));
      } else {
        Template t = this instanceof Table table ? table.template() : ((Plain) this).template();
        out.append(t.executeOnMap(o));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String jsonLine(JsonNode row) throws BerthException {
    try {
      return Builtins.json(row);
    } catch (Builtins.Failure e) {
      throw new BerthException(
          dev.berth.diag.ErrorKind.FAILED, TemplateException.EXEC, e.getMessage());
    }
  }

  /** docker's formatter turns a written {@code \t} or {@code \n} into a tab or a newline. */
  private static String unescape(String f) {
    return f.replace("\\t", "\t").replace("\\n", "\n");
  }
}
