package dev.berth.image.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.image.Digest;
import dev.berth.image.ImageFormatException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Lenient, typed access to one JSON object of an image document, with errors that name the document
 * and the field's path ({@code invalid image config: config.Env[2]: expected a string}).
 *
 * <p>Like Go's encoding/json, which wrote most of the documents berth reads: a missing field and
 * {@code null} read as empty, unknown fields are ignored, and a field name that matches only when
 * case is ignored still matches.
 */
final class JsonIn {
  private final JsonNode node;
  private final String doc;
  private final String path;

  private JsonIn(JsonNode node, String doc, String path) {
    this.node = node;
    this.doc = doc;
    this.path = path;
  }

  /** The top-level object of a document called {@code doc} ("image config"). */
  static JsonIn root(JsonNode node, String doc) {
    if (node == null || !node.isObject()) {
      throw new ImageFormatException(
          "invalid " + doc + ": expected a JSON object, got " + kind(node));
    }
    return new JsonIn(node, doc, "");
  }

  ImageFormatException error(String field, String message) {
    return new ImageFormatException("invalid " + doc + ": " + qualify(field) + ": " + message);
  }

  private String qualify(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  /** The field's value, or null when it is missing or JSON null. */
  private JsonNode get(String name) {
    JsonNode v = node.get(name);
    if (v == null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equalsIgnoreCase(name)) {
          v = e.getValue();
          break;
        }
      }
    }
    return v == null || v.isNull() ? null : v;
  }

  boolean has(String name) {
    return get(name) != null;
  }

  String string(String name) {
    JsonNode v = get(name);
    if (v == null) {
      return "";
    }
    if (!v.isTextual()) {
      throw error(name, "expected a string, got " + kind(v));
    }
    return v.textValue();
  }

  String requiredString(String name) {
    if (get(name) == null) {
      throw error(name, "missing");
    }
    return string(name);
  }

  Optional<String> optionalString(String name) {
    return has(name) ? Optional.of(string(name)) : Optional.empty();
  }

  /** An array of strings. */
  List<String> strings(String name) {
    JsonNode v = get(name);
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      throw error(name, "expected an array of strings, got " + kind(v));
    }
    List<String> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      if (!e.isTextual()) {
        throw error(name + "[" + i + "]", "expected a string, got " + kind(e));
      }
      out.add(e.textValue());
    }
    return out;
  }

  /** Docker's string-slice fields (Entrypoint, Cmd, Shell) also accept a single string. */
  List<String> stringOrStrings(String name) {
    JsonNode v = get(name);
    return v != null && v.isTextual() ? List.of(v.textValue()) : strings(name);
  }

  Map<String, String> stringMap(String name) {
    JsonNode v = get(name);
    if (v == null) {
      return Map.of();
    }
    if (!v.isObject()) {
      throw error(name, "expected an object of strings, got " + kind(v));
    }
    Map<String, String> out = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw error(name + "." + e.getKey(), "expected a string, got " + kind(e.getValue()));
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return out;
  }

  /** A set written as an object whose values are empty objects: {@code {"80/tcp": {}}}. */
  SortedSet<String> keySet(String name) {
    JsonNode v = get(name);
    SortedSet<String> out = new TreeSet<>();
    if (v == null) {
      return out;
    }
    if (!v.isObject()) {
      throw error(name, "expected an object, got " + kind(v));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isObject() && !e.getValue().isNull()) {
        throw error(name + "." + e.getKey(), "expected {}, got " + kind(e.getValue()));
      }
      out.add(e.getKey());
    }
    return out;
  }

  long longValue(String name) {
    JsonNode v = get(name);
    if (v == null) {
      return 0;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw error(name, "expected a 64-bit integer, got " + kind(v));
    }
    return v.longValue();
  }

  long requiredLong(String name) {
    if (get(name) == null) {
      throw error(name, "missing");
    }
    return longValue(name);
  }

  int intValue(String name) {
    long value = longValue(name);
    if (value != (int) value) {
      throw error(name, "expected a 32-bit integer, got " + value);
    }
    return (int) value;
  }

  boolean bool(String name) {
    JsonNode v = get(name);
    if (v == null) {
      return false;
    }
    if (!v.isBoolean()) {
      throw error(name, "expected true or false, got " + kind(v));
    }
    return v.booleanValue();
  }

  Digest digest(String name) {
    String text = requiredString(name);
    try {
      return Digest.parse(text);
    } catch (IllegalArgumentException e) {
      throw error(name, e.getMessage());
    }
  }

  List<Digest> digests(String name) {
    List<String> texts = strings(name);
    List<Digest> out = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      try {
        out.add(Digest.parse(texts.get(i)));
      } catch (IllegalArgumentException e) {
        throw error(name + "[" + i + "]", e.getMessage());
      }
    }
    return out;
  }

  Optional<Instant> time(String name) {
    if (!has(name)) {
      return Optional.empty();
    }
    String text = string(name);
    try {
      return Optional.of(Rfc3339.parse(text));
    } catch (DateTimeParseException e) {
      throw error(name, "expected an RFC 3339 time, got '" + text + "'");
    }
  }

  Optional<JsonIn> object(String name) {
    JsonNode v = get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isObject()) {
      throw error(name, "expected an object, got " + kind(v));
    }
    return Optional.of(new JsonIn(v, doc, qualify(name)));
  }

  JsonIn requiredObject(String name) {
    return object(name).orElseThrow(() -> error(name, "missing"));
  }

  /** An array of objects. */
  List<JsonIn> objects(String name) {
    JsonNode v = get(name);
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      throw error(name, "expected an array, got " + kind(v));
    }
    List<JsonIn> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      String at = name + "[" + i + "]";
      if (!e.isObject()) {
        throw error(at, "expected an object, got " + kind(e));
      }
      out.add(new JsonIn(e, doc, qualify(at)));
    }
    return out;
  }

  private static String kind(JsonNode v) {
    if (v == null || v.isMissingNode()) {
      return "nothing";
    }
    return switch (v.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "the number " + v.asText();
      case BOOLEAN -> v.asText();
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NULL -> "null";
      default -> v.getNodeType().toString().toLowerCase(Locale.ROOT);
    };
  }
}
