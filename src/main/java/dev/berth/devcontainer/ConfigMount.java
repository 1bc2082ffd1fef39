package dev.berth.devcontainer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A mount as a configuration wrote it, a {@code --mount} string or a {@code {type, source, target}}
 * object, with its meaning: the written form is kept because merged configurations print it back
 * unchanged.
 */
public record ConfigMount(Mount mount, JsonNode written) {

  private static final Set<String> OBJECT_KEYS = Set.of("type", "source", "target", "external");

  public ConfigMount {
    Objects.requireNonNull(mount, "mount");
    Objects.requireNonNull(written, "written");
  }

  /** Reads a mount at {@code pointer}; returns null after reporting why it cannot be read. */
  static ConfigMount read(JsonNode v, String pointer, Findings findings) {
    try {
      if (v.isTextual()) {
        return new ConfigMount(Mount.parse(v.textValue()), v);
      }
      if (v.isObject()) {
        v.fieldNames()
            .forEachRemaining(
                k -> {
                  if (!OBJECT_KEYS.contains(k)) {
                    findings.warning(
                        JsoncDocument.child(pointer, k),
                        "unknown-property",
                        "unknown mount property '" + k + "' is ignored");
                  }
                });
        JsonNode type = v.get("type");
        if (type == null || !type.isTextual()) {
          throw new IllegalArgumentException(
              "a mount object needs \"type\": \"bind\" or \"volume\"");
        }
        MountType t =
            MountType.fromLabel(type.textValue())
                .filter(x -> x != MountType.TMPFS)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "unknown mount type '"
                                + type.textValue()
                                + "' (expected bind or volume)"));
        String source = text(v, "source");
        String target = text(v, "target");
        return new ConfigMount(Mount.checked(t, source, target, false, Map.of()), v);
      }
      throw new IllegalArgumentException(
          "expected a mount string or a {type, source, target} object");
    } catch (IllegalArgumentException e) {
      findings.error(pointer, "bad-mount", "invalid mount: " + e.getMessage());
      return null;
    }
  }

  private static String text(JsonNode v, String key) {
    JsonNode n = v.get(key);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw new IllegalArgumentException("\"" + key + "\" must be a string");
    }
    return n.textValue();
  }
}
