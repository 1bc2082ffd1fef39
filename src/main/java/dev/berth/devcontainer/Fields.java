package dev.berth.devcontainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed reads of an object's properties, reporting a value of the wrong type where it is. */
final class Fields {

  private final ObjectNode object;
  private final String pointer;
  private final Findings findings;

  Fields(ObjectNode object, String pointer, Findings findings) {
    this.object = object;
    this.pointer = pointer;
    this.findings = findings;
  }

  String pointer(String key) {
    return JsoncDocument.child(pointer, key);
  }

  Findings findings() {
    return findings;
  }

  boolean has(String key) {
    return object.has(key);
  }

  Optional<JsonNode> node(String key) {
    JsonNode v = object.get(key);
    return v == null ? Optional.empty() : Optional.of(v);
  }

  private void wrong(String key, String expected) {
    findings.error(pointer(key), "bad-type", key + ": expected " + expected);
  }

  Optional<String> string(String key) {
    JsonNode v = object.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      wrong(key, "a string");
      return Optional.empty();
    }
    return Optional.of(v.textValue());
  }

  Optional<Boolean> bool(String key) {
    JsonNode v = object.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isBoolean()) {
      wrong(key, "true or false");
      return Optional.empty();
    }
    return Optional.of(v.booleanValue());
  }

  List<String> strings(String key) {
    JsonNode v = object.get(key);
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      wrong(key, "an array of strings");
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      if (!e.isTextual()) {
        findings.error(
            JsoncDocument.child(pointer(key), i), "bad-type", key + ": expected only strings");
      } else {
        out.add(e.textValue());
      }
    }
    return List.copyOf(out);
  }

  /** A string or an array of strings. */
  List<String> stringOrStrings(String key) {
    JsonNode v = object.get(key);
    if (v != null && v.isTextual()) {
      return List.of(v.textValue());
    }
    return strings(key);
  }

  Map<String, String> stringMap(String key) {
    JsonNode v = object.get(key);
    if (v == null) {
      return Map.of();
    }
    if (!v.isObject()) {
      wrong(key, "an object of strings");
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    v.fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isTextual()) {
                out.put(e.getKey(), e.getValue().textValue());
              } else {
                findings.error(
                    JsoncDocument.child(pointer(key), e.getKey()),
                    "bad-type",
                    key + "." + e.getKey() + ": expected a string");
              }
            });
    return Collections.unmodifiableMap(out);
  }

  /** An object of strings where {@code null} is allowed (as in remoteEnv, where it unsets). */
  Map<String, Optional<String>> nullableStringMap(String key) {
    JsonNode v = object.get(key);
    if (v == null) {
      return Map.of();
    }
    if (!v.isObject()) {
      wrong(key, "an object of strings");
      return Map.of();
    }
    Map<String, Optional<String>> out = new LinkedHashMap<>();
    v.fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isTextual()) {
                out.put(e.getKey(), Optional.of(e.getValue().textValue()));
              } else if (e.getValue().isNull()) {
                out.put(e.getKey(), Optional.empty());
              } else {
                findings.error(
                    JsoncDocument.child(pointer(key), e.getKey()),
                    "bad-type",
                    key + "." + e.getKey() + ": expected a string or null");
              }
            });
    return Collections.unmodifiableMap(out);
  }

  Optional<ObjectNode> object(String key) {
    JsonNode v = object.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isObject()) {
      wrong(key, "an object");
      return Optional.empty();
    }
    return Optional.of((ObjectNode) v);
  }

  /** The properties of an object-valued property, in order. */
  Map<String, JsonNode> objectEntries(String key) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    object(key).ifPresent(o -> o.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue())));
    return Collections.unmodifiableMap(out);
  }
}
