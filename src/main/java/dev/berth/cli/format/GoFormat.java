package dev.berth.cli.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Values printed as Go's fmt package prints them, which is what docker's templates show: {@code [a
 * b]} for a slice, {@code map[k:v]} with sorted keys for a map, {@code <nil>}, {@code <no value>}
 * for a missing map entry, floats as {@code %g} ({@code 1e+06}); and {@code printf}'s verbs {@code
 * %v %s %q %d %t %x %X %f %e %g %c %%} with flags, width and precision.
 */
final class GoFormat {

  private GoFormat() {}

  /** {@code %v} of a value at the top of an action. */
  static String print(JsonNode v) {
    if (v == null || v.isMissingNode()) {
      return "<no value>";
    }
    return value(v);
  }

  /** {@code %v} of a value, also inside slices and maps. */
  static String value(JsonNode v) {
    if (v == null || v.isMissingNode()) {
      return "<nil>";
    }
    if (v instanceof TypedNull t) {
      return t.shape() == TypedNull.Shape.SLICE ? "[]" : "map[]";
    }
    if (v.isNull()) {
      return "<nil>";
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isBoolean()) {
      return String.valueOf(v.booleanValue());
    }
    if (v.isIntegralNumber()) {
      return v.bigIntegerValue().toString();
    }
    if (v.isNumber()) {
      return floatG(v.doubleValue());
    }
    if (v.isArray()) {
      List<String> parts = new ArrayList<>();
      v.forEach(e -> parts.add(value(e)));
      return "[" + String.join(" ", parts) + "]";
    }
    if (v instanceof GoStruct) {
      List<String> parts = new ArrayList<>();
      v.forEach(e -> parts.add(value(e)));
      return "{" + String.join(" ", parts) + "}";
    }
    List<String> parts = new ArrayList<>();
    sorted(v).forEach((k, e) -> parts.add(k + ":" + value(e)));
    return "map[" + String.join(" ", parts) + "]";
  }

  static Map<String, JsonNode> sorted(JsonNode object) {
    Map<String, JsonNode> m = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = object.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      m.put(e.getKey(), e.getValue());
    }
    return m;
  }

  /** Go's {@code %v} of a float64: shortest digits, exponent form below 1e-4 and from 1e6. */
  static String floatG(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0" : "0";
    }
    BigDecimal b = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
    String digits = b.unscaledValue().toString();
    int exp = digits.length() - b.scale() - 1;
    String sign = d < 0 ? "-" : "";
    if (exp < -4 || exp >= 6) {
      String mantissa =
          digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String e = String.format(Locale.ROOT, "%02d", Math.abs(exp));
      return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + e;
    }
    return sign + b.toPlainString();
  }

  /** Go's {@code fmt.Sprintf}. */
  static String sprintf(String format, List<JsonNode> args) {
    StringBuilder out = new StringBuilder();
    int arg = 0;
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i);
      if (c != '%') {
        out.append(c);
        i++;
        continue;
      }
      i++;
      Spec spec = new Spec();
      while (i < format.length() && "-+# 0".indexOf(format.charAt(i)) >= 0) {
        spec.flag(format.charAt(i++));
      }
      int start = i;
      while (i < format.length() && Character.isDigit(format.charAt(i))) {
        i++;
      }
      if (i > start) {
        spec.width = Integer.parseInt(format.substring(start, i));
      }
      if (i < format.length() && format.charAt(i) == '.') {
        i++;
        start = i;
        while (i < format.length() && Character.isDigit(format.charAt(i))) {
          i++;
        }
        spec.precision = i > start ? Integer.parseInt(format.substring(start, i)) : 0;
      }
      if (i >= format.length()) {
        out.append("%!(NOVERB)");
        break;
      }
      char verb = format.charAt(i++);
      if (verb == '%') {
        out.append('%');
        continue;
      }
      if (arg >= args.size()) {
        out.append("%!").append(verb).append("(MISSING)");
        continue;
      }
      out.append(spec.pad(verb(verb, spec, args.get(arg++))));
    }
    if (arg < args.size()) {
      out.append("%!(EXTRA ");
      List<String> extra = new ArrayList<>();
      for (JsonNode a : args.subList(arg, args.size())) {
        extra.add(typeName(a) + "=" + value(a));
      }
      out.append(String.join(", ", extra)).append(')');
    }
    return out.toString();
  }

  private static final class Spec {
    boolean minus;
    boolean plus;
    boolean zero;
    boolean space;
    int width = -1;
    int precision = -1;

    void flag(char f) {
      switch (f) {
        case '-' -> minus = true;
        case '+' -> plus = true;
        case '0' -> zero = true;
        case ' ' -> space = true;
        default -> {
          // '#': alternate forms are not supported and print as the plain form
        }
      }
    }

    String pad(String s) {
      int n = s.codePointCount(0, s.length());
      if (width <= n) {
        return s;
      }
      String fill = (zero && !minus ? "0" : " ").repeat(width - n);
      if (minus) {
        return s + fill;
      }
      if (zero && !s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
        return s.charAt(0) + fill + s.substring(1);
      }
      return fill + s;
    }
  }

  private static String verb(char verb, Spec spec, JsonNode a) {
    if (a.isArray() && verb != 'v' && verb != 'T') {
      List<String> parts = new ArrayList<>();
      a.forEach(e -> parts.add(verb(verb, spec, e)));
      return "[" + String.join(" ", parts) + "]";
    }
    switch (verb) {
      case 'v':
        return precisionCut(value(a), a.isTextual() ? spec.precision : -1);
      case 's':
        if (a.isTextual()) {
          return precisionCut(a.textValue(), spec.precision);
        }
        return a.isContainerNode() || a.isNull() ? value(a) : bad(verb, a);
      case 'q':
        if (a.isTextual()) {
          return quote(precisionCut(a.textValue(), spec.precision));
        }
        return a.isIntegralNumber()
            ? "'" + new String(Character.toChars(a.intValue())) + "'"
            : bad(verb, a);
      case 'd':
        return a.isIntegralNumber() ? signed(a.bigIntegerValue().toString(), spec) : bad(verb, a);
      case 'c':
        return a.isIntegralNumber() ? new String(Character.toChars(a.intValue())) : bad(verb, a);
      case 't':
        return a.isBoolean() ? String.valueOf(a.booleanValue()) : bad(verb, a);
      case 'x':
      case 'X':
        String hex;
        if (a.isIntegralNumber()) {
          hex = a.bigIntegerValue().toString(16);
        } else if (a.isTextual()) {
          StringBuilder h = new StringBuilder();
          for (byte b : a.textValue().getBytes(StandardCharsets.UTF_8)) {
            h.append(String.format(Locale.ROOT, "%02x", b & 0xff));
          }
          hex = h.toString();
        } else {
          return bad(verb, a);
        }
        return verb == 'X' ? hex.toUpperCase(Locale.ROOT) : hex;
      case 'f':
      case 'F':
      case 'e':
      case 'g':
        if (!a.isNumber()) {
          return bad(verb, a);
        }
        double d = a.doubleValue();
        int p = spec.precision;
        String s =
            switch (verb) {
              case 'e' -> String.format(Locale.ROOT, "%." + (p < 0 ? 6 : p) + "e", d);
              case 'g' -> p < 0 ? floatG(d) : String.format(Locale.ROOT, "%." + p + "g", d);
              default -> String.format(Locale.ROOT, "%." + (p < 0 ? 6 : p) + "f", d);
            };
        return signed(s, spec);
      default:
        return "%!" + verb + "(" + typeName(a) + "=" + value(a) + ")";
    }
  }

  private static String signed(String s, Spec spec) {
    if (!s.startsWith("-")) {
      if (spec.plus) {
        return "+" + s;
      }
      if (spec.space) {
        return " " + s;
      }
    }
    return s;
  }

  private static String precisionCut(String s, int precision) {
    if (precision < 0 || s.codePointCount(0, s.length()) <= precision) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, precision));
  }

  private static String bad(char verb, JsonNode a) {
    return "%!" + verb + "(" + typeName(a) + "=" + value(a) + ")";
  }

  /** Go's {@code strconv.Quote}. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    s.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                case 0x07 -> b.append("\\a");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case 0x0b -> b.append("\\v");
                default -> {
                  if (cp < 0x20 || cp == 0x7f) {
                    b.append(String.format(Locale.ROOT, "\\x%02x", cp));
                  } else {
                    b.appendCodePoint(cp);
                  }
                }
              }
            });
    return b.append('"').toString();
  }

  /** The Go type docker's decoded JSON would have, for error messages. */
  static String typeName(JsonNode v) {
    if (v == null || v.isMissingNode() || v.isNull()) {
      return "<nil>";
    }
    if (v.isTextual()) {
      return "string";
    }
    if (v.isBoolean()) {
      return "bool";
    }
    if (v.isIntegralNumber()) {
      return "int";
    }
    if (v.isNumber()) {
      return "float64";
    }
    if (v.isArray()) {
      return "[]interface {}";
    }
    return "map[string]interface {}";
  }
}
