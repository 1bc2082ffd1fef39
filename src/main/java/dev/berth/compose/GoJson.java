package dev.berth.compose;

import java.util.List;
import java.util.Map;

/**
 * Writes plain values as Go's encoding/json writes them: compact ({@code json.Marshal}, which
 * docker compose hashes) or indented by two spaces ({@code json.MarshalIndent}), with {@code <},
 * {@code >} and {@code &} escaped as Go escapes them.
 */
final class GoJson {
  private GoJson() {}

  static String compact(Object value) {
    StringBuilder b = new StringBuilder();
    write(b, value, null, 0);
    return b.toString();
  }

  static String indented(Object value) {
    StringBuilder b = new StringBuilder();
    write(b, value, "  ", 0);
    return b.toString();
  }

  private static void write(StringBuilder b, Object v, String indent, int depth) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof String s) {
      string(b, s);
    } else if (v instanceof Boolean || v instanceof Long || v instanceof Integer) {
      b.append(v);
    } else if (v instanceof Double d) {
      b.append(number(d));
    } else if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        b.append("{}");
        return;
      }
      b.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          b.append(',');
        }
        first = false;
        newline(b, indent, depth + 1);
        string(b, (String) e.getKey());
        b.append(indent == null ? ":" : ": ");
        write(b, e.getValue(), indent, depth + 1);
      }
      newline(b, indent, depth);
      b.append('}');
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        b.append("[]");
        return;
      }
      b.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        newline(b, indent, depth + 1);
        write(b, l.get(i), indent, depth + 1);
      }
      newline(b, indent, depth);
      b.append(']');
    } else {
      string(b, v.toString());
    }
  }

  private static void newline(StringBuilder b, String indent, int depth) {
    if (indent != null) {
      b.append('\n').append(indent.repeat(depth));
    }
  }

  private static String number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e21) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }

  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> b.append(String.format("\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
