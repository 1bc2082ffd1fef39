package dev.berth.cli.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The functions a template may call: docker's ({@code json join split lower upper title truncate
 * pad println}) and Go's own ({@code print printf len index eq ne lt le gt ge not}; {@code and} and
 * {@code or} are evaluated lazily by {@link Exec}).
 */
final class Builtins {

  /** A call that failed; {@code arg} is the index of the argument at fault, or -1. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    final int arg;

    Failure(int arg, String message) {
      super(message, null, false, false);
      this.arg = arg;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Set<String> NAMES =
      Set.of(
          "json",
          "join",
          "split",
          "lower",
          "upper",
          "title",
          "truncate",
          "pad",
          "print",
          "printf",
          "println",
          "len",
          "index",
          "eq",
          "ne",
          "lt",
          "le",
          "gt",
          "ge",
          "not",
          "and",
          "or");

  private Builtins() {}

  static boolean exists(String name) {
    return NAMES.contains(name);
  }

  static JsonNode call(String name, List<JsonNode> a) throws Failure {
    return switch (name) {
      case "json" -> {
        arity(name, a, 1);
        yield TextNode.valueOf(json(a.get(0)));
      }
      case "join" -> {
        arity(name, a, 2);
        yield TextNode.valueOf(String.join(string(a, 1), strings(a, 0)));
      }
      case "split" -> {
        arity(name, a, 2);
        ArrayNode parts = JsonNodeFactory.instance.arrayNode();
        for (String p : split(string(a, 0), string(a, 1))) {
          parts.add(p);
        }
        yield parts;
      }
      case "lower" -> {
        arity(name, a, 1);
        yield TextNode.valueOf(string(a, 0).toLowerCase(Locale.ROOT));
      }
      case "upper" -> {
        arity(name, a, 1);
        yield TextNode.valueOf(string(a, 0).toUpperCase(Locale.ROOT));
      }
      case "title" -> {
        arity(name, a, 1);
        yield TextNode.valueOf(title(string(a, 0)));
      }
      case "truncate" -> {
        arity(name, a, 2);
        String s = string(a, 0);
        int n = (int) integer(a, 1);
        yield TextNode.valueOf(s.length() < n ? s : s.substring(0, Math.max(0, n)));
      }
      case "pad" -> {
        arity(name, a, 3);
        String s = string(a, 0);
        int before = (int) integer(a, 1);
        int after = (int) integer(a, 2);
        yield TextNode.valueOf(
            s.isEmpty() ? s : " ".repeat(Math.max(0, before)) + s + " ".repeat(Math.max(0, after)));
      }
      case "print" -> TextNode.valueOf(sprint(a));
      case "println" -> {
        List<String> parts = new ArrayList<>();
        a.forEach(v -> parts.add(GoFormat.print(v)));
        yield TextNode.valueOf(String.join(" ", parts) + "\n");
      }
      case "printf" -> {
        if (a.isEmpty()) {
          throw new Failure(-1, "wrong number of args for printf: want at least 1 got 0");
        }
        yield TextNode.valueOf(GoFormat.sprintf(string(a, 0), a.subList(1, a.size())));
      }
      case "len" -> {
        arity(name, a, 1);
        yield LongNode.valueOf(length(a.get(0)));
      }
      case "index" -> index(a);
      case "not" -> {
        arity(name, a, 1);
        yield BooleanNode.valueOf(!Exec.truth(a.get(0)));
      }
      case "eq", "ne", "lt", "le", "gt", "ge" -> compare(name, a);
      default -> throw new Failure(-1, "function \"" + name + "\" not defined");
    };
  }

  /** {@code {{json .X}}} as docker writes it: compact, no HTML escaping, {@code null} for nil. */
  static String json(JsonNode v) throws Failure {
    if (v == null || v.isMissingNode()) {
      return "null";
    }
    try {
      return JSON.writeValueAsString(v);
    } catch (JsonProcessingException e) {
      throw new Failure(0, "json: " + e.getOriginalMessage());
    }
  }

  /**
   * Go's json.Marshal escaping of {@code <}, {@code >} and {@code &} (only ever inside strings).
   */
  static String htmlEscaped(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
  }

  private static void arity(String name, List<JsonNode> a, int want) throws Failure {
    if (a.size() != want) {
      throw new Failure(
          -1, "wrong number of args for " + name + ": want " + want + " got " + a.size());
    }
  }

  private static String string(List<JsonNode> a, int i) throws Failure {
    JsonNode v = a.get(i);
    if (!v.isTextual()) {
      throw new Failure(i, "expected string; found " + GoFormat.print(v));
    }
    return v.textValue();
  }

  private static long integer(List<JsonNode> a, int i) throws Failure {
    JsonNode v = a.get(i);
    if (!v.isIntegralNumber()) {
      throw new Failure(i, "expected integer; found " + GoFormat.print(v));
    }
    return v.longValue();
  }

  private static List<String> strings(List<JsonNode> a, int i) throws Failure {
    JsonNode v = a.get(i);
    List<String> out = new ArrayList<>();
    if (v instanceof TypedNull) {
      return out;
    }
    if (!v.isArray()) {
      throw new Failure(i, "wrong type for value; expected []string; got " + GoFormat.typeName(v));
    }
    for (JsonNode e : v) {
      out.add(GoFormat.value(e));
    }
    return out;
  }

  /** Go's {@code strings.Split}: an empty separator splits into characters. */
  private static List<String> split(String s, String sep) {
    List<String> out = new ArrayList<>();
    if (sep.isEmpty()) {
      s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
      return out;
    }
    int from = 0;
    while (true) {
      int at = s.indexOf(sep, from);
      if (at < 0) {
        out.add(s.substring(from));
        return out;
      }
      out.add(s.substring(from, at));
      from = at + sep.length();
    }
  }

  /** Go's {@code strings.Title}: the first letter of each word in upper case. */
  private static String title(String s) {
    StringBuilder b = new StringBuilder();
    boolean start = true;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      b.appendCodePoint(start ? Character.toTitleCase(cp) : cp);
      start = !(Character.isLetterOrDigit(cp) || cp == '_' || cp == '\'');
      i += Character.charCount(cp);
    }
    return b.toString();
  }

  /** Go's {@code fmt.Sprint}: a space between operands when neither is a string. */
  private static String sprint(List<JsonNode> a) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < a.size(); i++) {
      if (i > 0 && !a.get(i).isTextual() && !a.get(i - 1).isTextual()) {
        b.append(' ');
      }
      b.append(GoFormat.print(a.get(i)));
    }
    return b.toString();
  }

  private static long length(JsonNode v) throws Failure {
    if (v.isTextual()) {
      return v.textValue().getBytes(StandardCharsets.UTF_8).length;
    }
    if (v instanceof TypedNull) {
      return 0;
    }
    if (v.isContainerNode()) {
      return v.size();
    }
    throw new Failure(0, "len of type " + GoFormat.typeName(v));
  }

  private static JsonNode index(List<JsonNode> a) throws Failure {
    if (a.isEmpty()) {
      throw new Failure(-1, "wrong number of args for index: want at least 1 got 0");
    }
    JsonNode v = a.get(0);
    for (int i = 1; i < a.size(); i++) {
      JsonNode key = a.get(i);
      if (v == null || v.isNull() || v.isMissingNode()) {
        if (v instanceof TypedNull t && t.shape() == TypedNull.Shape.MAP) {
          return MissingNode.getInstance();
        }
        throw new Failure(-1, "error calling index: index of untyped nil");
      }
      if (v.isArray()) {
        if (!key.isIntegralNumber()) {
          throw new Failure(
              -1,
              "error calling index: cannot index slice/array with type " + GoFormat.typeName(key));
        }
        long k = key.longValue();
        if (k < 0 || k >= v.size()) {
          throw new Failure(-1, "error calling index: index out of range: " + k);
        }
        v = v.get((int) k);
      } else if (v.isObject()) {
        if (!key.isTextual()) {
          throw new Failure(
              -1,
              "error calling index: value has type "
                  + GoFormat.typeName(key)
                  + "; should be string");
        }
        JsonNode next = v.get(key.textValue());
        v = next != null ? next : zeroOfElements(v);
      } else {
        throw new Failure(
            -1, "error calling index: can't index item of type " + GoFormat.typeName(v));
      }
    }
    return v;
  }

  /**
   * What Go's index gives for a key a map lacks: the zero value of its element type. A map whose
   * values are all strings is taken as {@code map[string]string}, as docker's labels are.
   */
  private static JsonNode zeroOfElements(JsonNode map) {
    Iterator<JsonNode> values = map.elements();
    boolean allText = values.hasNext();
    while (values.hasNext()) {
      allText &= values.next().isTextual();
    }
    return allText ? TextNode.valueOf("") : MissingNode.getInstance();
  }

  private static JsonNode compare(String name, List<JsonNode> a) throws Failure {
    if (a.size() < 2 || (!name.equals("eq") && a.size() != 2)) {
      throw new Failure(-1, "wrong number of args for " + name + ": want 2 got " + a.size());
    }
    JsonNode x = a.get(0);
    if (name.equals("eq")) {
      for (JsonNode y : a.subList(1, a.size())) {
        if (order(x, y, name) == 0) {
          return BooleanNode.TRUE;
        }
      }
      return BooleanNode.FALSE;
    }
    int c = order(x, a.get(1), name);
    boolean r =
        switch (name) {
          case "ne" -> c != 0;
          case "lt" -> c < 0;
          case "le" -> c <= 0;
          case "gt" -> c > 0;
          default -> c >= 0;
        };
    return BooleanNode.valueOf(r);
  }

  private static int order(JsonNode x, JsonNode y, String name) throws Failure {
    if (x.isNumber() && y.isNumber()) {
      return x.isIntegralNumber() && y.isIntegralNumber()
          ? x.bigIntegerValue().compareTo(y.bigIntegerValue())
          : Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (x.isTextual() && y.isTextual()) {
      return Integer.signum(x.textValue().compareTo(y.textValue()));
    }
    boolean ordered = !name.equals("eq") && !name.equals("ne");
    if (x.isBoolean() && y.isBoolean() && !ordered) {
      return x.booleanValue() == y.booleanValue() ? 0 : 1;
    }
    if (x.isNull() && y.isNull() && !ordered) {
      return 0;
    }
    throw new Failure(-1, "error calling " + name + ": incompatible types for comparison");
  }
}
