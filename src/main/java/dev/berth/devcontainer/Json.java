package dev.berth.devcontainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * JSON helpers that behave as JavaScript does, since the reference CLI is JavaScript: numbers are
 * one kind (an integral {@code 2.0} is {@code 2}), and {@link #stringify} writes what {@code
 * JSON.stringify} writes, byte for byte, which the devcontainer ID and label values depend on.
 */
public final class Json {

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final BigDecimal JS_PLAIN_LIMIT = new BigDecimal("1e21");

  private Json() {}

  /**
   * A number as JavaScript holds it, in the node types Jackson's own parser gives: integral values
   * as int or long nodes, the rest as doubles.
   */
  static JsonNode number(BigDecimal d) {
    BigDecimal s = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    if (s.scale() <= 0 && s.abs().compareTo(JS_PLAIN_LIMIT) < 0) {
      BigInteger i = s.toBigIntegerExact();
      if (i.bitLength() < 32) {
        return NODES.numberNode(i.intValue());
      }
      return i.bitLength() < 64 ? NODES.numberNode(i.longValue()) : NODES.numberNode(i);
    }
    return NODES.numberNode(s.doubleValue());
  }

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  /** A deep copy, so callers can change the result without touching the original. */
  @SuppressWarnings("unchecked")
  static <T extends JsonNode> T copy(T node) {
    return (T) node.deepCopy();
  }

  /** What {@code JSON.stringify(value)} gives. */
  public static String stringify(JsonNode value) {
    StringBuilder out = new StringBuilder();
    write(out, value, false);
    return out.toString();
  }

  /**
   * Like {@link #stringify} with every object's keys sorted, so equal values give equal text
   * whatever order their properties were written in.
   */
  public static String canonical(JsonNode value) {
    StringBuilder out = new StringBuilder();
    write(out, value, true);
    return out.toString();
  }

  /** A JSON string literal as {@code JSON.stringify} writes it. */
  public static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2);
    quote(out, s);
    return out.toString();
  }

  /** The text the given pretty-printed or plain JSON parses to, for tests and golden files. */
  public static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
    }
  }

  private static void write(StringBuilder out, JsonNode v, boolean sortKeys) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      out.append("null");
    } else if (v.isTextual()) {
      quote(out, v.textValue());
    } else if (v.isBoolean()) {
      out.append(v.booleanValue());
    } else if (v.isNumber()) {
      out.append(jsNumber(v));
    } else if (v.isArray()) {
      out.append('[');
      for (int i = 0; i < v.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(out, v.get(i), sortKeys);
      }
      out.append(']');
    } else if (v.isObject()) {
      List<String> keys = new ArrayList<>();
      for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
        keys.add(it.next());
      }
      if (sortKeys) {
        Collections.sort(keys);
      }
      out.append('{');
      boolean first = true;
      for (String k : keys) {
        if (!first) {
          out.append(',');
        }
        first = false;
        quote(out, k);
        out.append(':');
        write(out, v.get(k), sortKeys);
      }
      out.append('}');
    } else {
      throw new IllegalArgumentException("not a JSON value: " + v.getNodeType());
    }
  }

  private static String jsNumber(JsonNode v) {
    if (v.isIntegralNumber()) {
      return v.bigIntegerValue().toString();
    }
    BigDecimal d = v.decimalValue().stripTrailingZeros();
    if (d.abs().compareTo(JS_PLAIN_LIMIT) < 0 && d.abs().compareTo(new BigDecimal("1e-6")) >= 0) {
      return d.toPlainString();
    }
    return Double.toString(d.doubleValue()).replace("E", "e+").replace("e+-", "e-");
  }

  private static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          boolean loneSurrogate =
              Character.isHighSurrogate(c)
                  ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                  : Character.isLowSurrogate(c)
                      && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
          if (c < 0x20 || loneSurrogate) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
