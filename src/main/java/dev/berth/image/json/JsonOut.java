package dev.berth.image.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Builds one JSON object in a fixed key order. Fields that are empty are left out, as Go's {@code
 * omitempty} does, unless written with a {@code required} method.
 */
final class JsonOut {
  /** Go sorts map keys by their UTF-8 bytes; so does berth, so the order never depends on Java. */
  private static final Comparator<String> UTF8_ORDER =
      (a, b) ->
          Arrays.compareUnsigned(
              a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  private final ObjectNode node = JsonNodeFactory.instance.objectNode();

  ObjectNode node() {
    return node;
  }

  JsonOut string(String name, String value) {
    if (!value.isEmpty()) {
      node.put(name, value);
    }
    return this;
  }

  JsonOut requiredString(String name, String value) {
    node.put(name, value);
    return this;
  }

  JsonOut strings(String name, List<String> values) {
    if (!values.isEmpty()) {
      requiredStrings(name, values);
    }
    return this;
  }

  JsonOut requiredStrings(String name, List<String> values) {
    ArrayNode array = node.putArray(name);
    values.forEach(array::add);
    return this;
  }

  /** A set as an object of empty objects, {@code {"80/tcp":{}}}. */
  JsonOut keySet(String name, Collection<String> keys) {
    if (!keys.isEmpty()) {
      ObjectNode object = node.putObject(name);
      keys.stream().sorted(UTF8_ORDER).forEach(object::putObject);
    }
    return this;
  }

  JsonOut stringMap(String name, Map<String, String> map) {
    if (!map.isEmpty()) {
      ObjectNode object = node.putObject(name);
      map.keySet().stream().sorted(UTF8_ORDER).forEach(k -> object.put(k, map.get(k)));
    }
    return this;
  }

  JsonOut number(String name, long value) {
    if (value != 0) {
      node.put(name, value);
    }
    return this;
  }

  JsonOut requiredNumber(String name, long value) {
    node.put(name, value);
    return this;
  }

  JsonOut bool(String name, boolean value) {
    if (value) {
      node.put(name, true);
    }
    return this;
  }

  JsonOut object(String name, JsonOut value) {
    node.set(name, value.node);
    return this;
  }

  JsonOut objects(String name, List<JsonOut> values) {
    return values.isEmpty() ? this : requiredObjects(name, values);
  }

  JsonOut requiredObjects(String name, List<JsonOut> values) {
    ArrayNode array = node.putArray(name);
    values.forEach(v -> array.add(v.node));
    return this;
  }
}
