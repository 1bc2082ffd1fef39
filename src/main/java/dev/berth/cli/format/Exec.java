package dev.berth.cli.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.berth.cli.format.Node.Arg;
import dev.berth.cli.format.Node.Chain;
import dev.berth.cli.format.Node.Command;
import dev.berth.cli.format.Node.Constant;
import dev.berth.cli.format.Node.Field;
import dev.berth.cli.format.Node.Function;
import dev.berth.cli.format.Node.Pipe;
import dev.berth.cli.format.Node.Variable;
import dev.berth.diag.BerthException;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a parsed template over a JSON value. Objects are Go maps (a missing key is an error, as
 * docker's {@code missingkey=error} makes it), except the data itself when it stands for a Go
 * struct, whose unknown fields are reported as {@code can't evaluate field X in type T}.
 */
final class Exec {

  private final String src;
  private final String structName;
  private final JsonNode root;
  private final List<Map.Entry<String, JsonNode>> variables = new ArrayList<>();

  /** {@code structName}: the Go type name the data stands for, or null when it is a map. */
  Exec(String src, JsonNode root, String structName) {
    this.src = src;
    this.root = root;
    this.structName = structName;
    variables.add(new SimpleEntry<>("$", root));
  }

  void run(List<Node> nodes, JsonNode dot, StringBuilder out) throws BerthException {
    for (Node n : nodes) {
      if (n instanceof Node.Text t) {
        out.append(t.text());
      } else if (n instanceof Node.Action a) {
        JsonNode v = pipe(a.pipe(), dot, true);
        if (a.pipe().declared().isEmpty()) {
          out.append(GoFormat.print(v));
        }
      } else if (n instanceof Node.If f) {
        int scope = variables.size();
        boolean yes = truth(pipe(f.pipe(), dot, true));
        run(yes ? f.then() : f.otherwise(), dot, out);
        truncate(scope);
      } else if (n instanceof Node.With w) {
        int scope = variables.size();
        JsonNode v = pipe(w.pipe(), dot, true);
        if (truth(v)) {
          run(w.body(), v, out);
        } else {
          run(w.otherwise(), dot, out);
        }
        truncate(scope);
      } else if (n instanceof Node.Range r) {
        range(r, dot, out);
      }
    }
  }

  private void range(Node.Range r, JsonNode dot, StringBuilder out) throws BerthException {
    int scope = variables.size();
    JsonNode over = pipe(r.pipe(), dot, false);
    List<String> names = r.pipe().declared();
    boolean any = false;
    if (over.isArray() || (over.isObject() && !(over instanceof GoStruct))) {
      List<Map.Entry<JsonNode, JsonNode>> items = new ArrayList<>();
      if (over.isArray()) {
        for (int i = 0; i < over.size(); i++) {
          items.add(new SimpleEntry<>(LongNode.valueOf(i), over.get(i)));
        }
      } else {
        GoFormat.sorted(over)
            .forEach((k, v) -> items.add(new SimpleEntry<>(TextNode.valueOf(k), v)));
      }
      for (Map.Entry<JsonNode, JsonNode> item : items) {
        any = true;
        int iteration = variables.size();
        if (names.size() == 1) {
          variables.add(new SimpleEntry<>(names.get(0), item.getValue()));
        } else if (names.size() == 2) {
          variables.add(new SimpleEntry<>(names.get(0), item.getKey()));
          variables.add(new SimpleEntry<>(names.get(1), item.getValue()));
        }
        run(r.body(), item.getValue(), out);
        truncate(iteration);
      }
    } else if (!over.isNull() && !over.isMissingNode()) {
      throw TemplateException.exec(
          src,
          r.pipe().pos(),
          commandSource(r.pipe().commands().get(0)),
          "range can't iterate over " + GoFormat.value(over));
    }
    if (!any) {
      run(r.empty(), dot, out);
    }
    truncate(scope);
  }

  private void truncate(int size) {
    while (variables.size() > size) {
      variables.remove(variables.size() - 1);
    }
  }

  /** The pipeline's value; {@code declare}: bind its declared variable (range binds its own). */
  private JsonNode pipe(Pipe p, JsonNode dot, boolean declare) throws BerthException {
    JsonNode v = null;
    for (Command c : p.commands()) {
      v = command(c, dot, v);
    }
    if (declare) {
      for (String name : p.declared()) {
        variables.add(new SimpleEntry<>(name, v));
      }
    }
    return v;
  }

  private JsonNode command(Command c, JsonNode dot, JsonNode piped) throws BerthException {
    Arg first = c.args().get(0);
    if (first instanceof Function f) {
      List<Arg> rest = c.args().subList(1, c.args().size());
      if (f.name().equals("and") || f.name().equals("or")) {
        return andOr(f, c, rest, dot, piped);
      }
      List<JsonNode> values = new ArrayList<>();
      for (Arg a : rest) {
        values.add(arg(a, dot));
      }
      if (piped != null) {
        values.add(piped);
      }
      try {
        if (f.name().equals("json")
            && values.size() == 1
            && values.get(0) == root
            && structName != null) {
          // docker's list contexts marshal themselves with json.Marshal, which escapes <, > and &.
          return TextNode.valueOf(Builtins.htmlEscaped(Builtins.json(root)));
        }
        return Builtins.call(f.name(), values);
      } catch (Builtins.Failure e) {
        if (e.arg >= 0 && e.arg < rest.size()) {
          Arg at = rest.get(e.arg);
          throw TemplateException.exec(src, at.pos(), at.source(), e.getMessage());
        }
        throw TemplateException.exec(src, c.pos(), commandSource(c), e.getMessage());
      }
    }
    if (c.args().size() > 1 || piped != null) {
      throw TemplateException.exec(
          src,
          first.pos(),
          first.source(),
          "can't give argument to non-function " + first.source());
    }
    return arg(first, dot);
  }

  /** Go's {@code and} and {@code or}: the first false (true) argument or the last, lazily. */
  private JsonNode andOr(Function f, Command c, List<Arg> rest, JsonNode dot, JsonNode piped)
      throws BerthException {
    int count = rest.size() + (piped != null ? 1 : 0);
    if (count < 1) {
      throw TemplateException.exec(
          src,
          c.pos(),
          commandSource(c),
          "wrong number of args for " + f.name() + ": want at least 1 got 0");
    }
    boolean stopOn = f.name().equals("or");
    JsonNode v = null;
    for (int i = 0; i < count; i++) {
      v = i < rest.size() ? arg(rest.get(i), dot) : piped;
      if (truth(v) == stopOn) {
        return v;
      }
    }
    return v;
  }

  private JsonNode arg(Arg a, JsonNode dot) throws BerthException {
    if (a instanceof Field f) {
      return fields(dot, f.names(), f);
    }
    if (a instanceof Variable v) {
      return fields(variable(v), v.names(), v);
    }
    if (a instanceof Chain ch) {
      return fields(pipe(ch.pipe(), dot, false), ch.names(), ch);
    }
    if (a instanceof Function f) {
      try {
        return Builtins.call(f.name(), List.of());
      } catch (Builtins.Failure e) {
        throw TemplateException.exec(src, f.pos(), f.source(), e.getMessage());
      }
    }
    if (a instanceof Constant k) {
      return k.value();
    }
    return dot;
  }

  private JsonNode variable(Variable v) throws BerthException {
    for (int i = variables.size() - 1; i >= 0; i--) {
      if (variables.get(i).getKey().equals(v.name())) {
        return variables.get(i).getValue();
      }
    }
    throw TemplateException.exec(src, v.pos(), v.source(), "undefined variable: " + v.name());
  }

  private JsonNode fields(JsonNode receiver, List<String> names, Arg at) throws BerthException {
    JsonNode v = receiver;
    for (String name : names) {
      if (v == null || v.isNull() || v.isMissingNode()) {
        throw TemplateException.exec(
            src, at.pos(), at.source(), "nil pointer evaluating interface {}." + name);
      }
      boolean isStruct = v == root && structName != null;
      if (v.isObject()) {
        JsonNode next = v.get(name);
        if (next == null) {
          String why =
              isStruct
                  ? "can't evaluate field " + name + " in type " + structName
                  : "map has no entry for key \"" + name + "\"";
          throw TemplateException.exec(src, at.pos(), at.source(), why);
        }
        v = next;
      } else {
        String type = structName != null ? GoFormat.typeName(v) : "interface {}";
        throw TemplateException.exec(
            src, at.pos(), at.source(), "can't evaluate field " + name + " in type " + type);
      }
    }
    return v == null ? MissingNode.getInstance() : v;
  }

  private static String commandSource(Command c) {
    List<String> parts = new ArrayList<>();
    c.args().forEach(a -> parts.add(a.source()));
    return String.join(" ", parts);
  }

  /** Go's truth: false, 0, nil and empty strings, slices and maps are false; structs true. */
  static boolean truth(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return false;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isNumber()) {
      return v.doubleValue() != 0;
    }
    if (v.isTextual()) {
      return !v.textValue().isEmpty();
    }
    if (v instanceof GoStruct) {
      return true;
    }
    return v.size() > 0;
  }
}
