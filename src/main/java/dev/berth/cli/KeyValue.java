package dev.berth.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One {@code KEY=VALUE} flag value, or a bare {@code KEY} where the flag allows it: the one place
 * berth splits such values.
 */
record KeyValue(String key, Optional<String> value) {

  KeyValue {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }

  /**
   * Splits at the first {@code =}.
   *
   * @throws IllegalArgumentException when the key is empty, or the value is missing and {@code
   *     bareAllowed} is false
   */
  static KeyValue parse(String text, boolean bareAllowed) {
    int eq = text.indexOf('=');
    String key = eq < 0 ? text : text.substring(0, eq);
    if (key.isEmpty() || (eq < 0 && !bareAllowed)) {
      throw new IllegalArgumentException(
          "'" + text + "': expected KEY=VALUE" + (bareAllowed ? " or KEY" : ""));
    }
    return new KeyValue(key, eq < 0 ? Optional.empty() : Optional.of(text.substring(eq + 1)));
  }

  /**
   * The pairs as a map in order, later ones winning; a bare key takes its value from {@code
   * environment} and is left out when the environment lacks it, as docker does.
   */
  static Map<String, String> toMap(List<KeyValue> pairs, Function<String, String> environment) {
    Map<String, String> out = new LinkedHashMap<>();
    for (KeyValue kv : pairs) {
      String v = kv.value().orElseGet(() -> environment.apply(kv.key()));
      if (v != null) {
        out.put(kv.key(), v);
      }
    }
    return out;
  }
}
