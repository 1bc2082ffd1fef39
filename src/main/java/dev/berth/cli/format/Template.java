package dev.berth.cli.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.diag.BerthException;
import java.util.List;

/**
 * A Go {@code text/template} subset, enough for the {@code --format} strings docker users write,
 * evaluated over Jackson trees.
 *
 * <p>Grammar (text outside {@code {{ }}} is copied; {@code {{- } and {@code -}}} trim the white
 * space beside them; {@code {{/* ... *}{@code /}}} is a comment):
 *
 * <pre>
 * template  = { text | action }
 * action    = "{{" pipeline "}}"
 *           | "{{" "if" pipeline "}}" template { "{{" "else" "if" pipeline "}}" template }
 *                 [ "{{" "else" "}}" template ] "{{" "end" "}}"
 *           | "{{" "range" pipeline "}}" template [ "{{" "else" "}}" template ] "{{" "end" "}}"
 *           | "{{" "with" pipeline "}}" template [ "{{" "else" "}}" template ] "{{" "end" "}}"
 * pipeline  = [ declare ] command { "|" command }
 * declare   = variable [ "," variable ] ":="
 * command   = function { operand } | operand
 * operand   = term { "." name }
 * term      = "." | "." name | variable | "(" pipeline ")"
 *           | string | raw-string | char | number | "true" | "false" | "nil"
 * variable  = "$" [ name ]
 * function  = json | join | split | lower | upper | title | truncate | pad | print | printf
 *           | println | len | index | eq | ne | lt | le | gt | ge | not | and | or
 * </pre>
 *
 * <p>A command's value is passed as the last argument of the next command in its pipeline. {@code
 * range} walks a list, or a map in key order, setting dot to each element ({@code $i, $e :=} names
 * index and element); {@code if} and {@code with} test Go's truth (false, 0, nil and empty values
 * are false). Values print as Go's fmt prints them ({@code [a b]}, {@code map[k:v]}); see {@link
 * GoFormat}. Errors name the place as Go does: {@code template: :1:2: executing "" at <.Foo>: map
 * has no entry for key "Foo"}.
 */
public final class Template {

  private final String source;
  private final List<Node> nodes;

  private Template(String source, List<Node> nodes) {
    this.source = source;
    this.nodes = nodes;
  }

  /**
   * Parses a template.
   *
   * @throws BerthException INVALID_INPUT ({@code format.parse}) naming the line and what is wrong
   */
  public static Template parse(String source) throws BerthException {
    return new Template(source, Parser.parse(source));
  }

  /**
   * Runs the template with {@code data} as dot, which stands for a Go struct named {@code
   * structName}: an unknown field of it is reported as {@code can't evaluate field X in type
   * structName}.
   *
   * @throws BerthException INVALID_INPUT ({@code format.exec}) at the failing action
   */
  public String executeOnStruct(JsonNode data, String structName) throws BerthException {
    StringBuilder out = new StringBuilder();
    new Exec(source, data, structName).run(nodes, data, out);
    return out.toString();
  }

  /** Runs the template with {@code data} as dot, a map: a missing key is an error. */
  public String executeOnMap(JsonNode data) throws BerthException {
    StringBuilder out = new StringBuilder();
    new Exec(source, data, null).run(nodes, data, out);
    return out.toString();
  }

  public String source() {
    return source;
  }
}
