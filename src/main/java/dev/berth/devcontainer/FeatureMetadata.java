package dev.berth.devcontainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Feature's {@code devcontainer-feature.json}, typed.
 *
 * @param contribution what the Feature adds to the container (capabilities, mounts, entrypoint,
 *     lifecycle commands...), as the metadata entry it becomes
 * @param containerEnv environment the Feature sets in the image ({@code ENV} after it installs)
 * @param installsAfter Features this one is installed after when they are installed at all
 * @param dependsOn Features this one needs, with their options, installed first
 * @param json the file as written, for output that prints it back
 */
public record FeatureMetadata(
    String id,
    Optional<String> version,
    Optional<String> name,
    Map<String, FeatureOption> options,
    Map<String, String> containerEnv,
    MetadataEntry contribution,
    List<String> installsAfter,
    Map<String, JsonNode> dependsOn,
    List<String> legacyIds,
    Optional<String> currentId,
    ObjectNode json) {

  public FeatureMetadata {
    Objects.requireNonNull(id, "id");
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    containerEnv = Collections.unmodifiableMap(new LinkedHashMap<>(containerEnv));
    Objects.requireNonNull(contribution, "contribution");
    installsAfter = List.copyOf(installsAfter);
    dependsOn = Collections.unmodifiableMap(new LinkedHashMap<>(dependsOn));
    legacyIds = List.copyOf(legacyIds);
    Objects.requireNonNull(json, "json");
  }

  /** Reads the file's tree, reporting wrong values at their place in it. */
  static FeatureMetadata read(JsoncDocument doc, Findings findings) {
    if (!doc.root().isObject()) {
      findings.error("", "not-an-object", "devcontainer-feature.json must be a JSON object");
      return null;
    }
    ObjectNode o = (ObjectNode) doc.root();
    Fields f = new Fields(o, "", findings);
    Optional<String> id = f.string("id");
    if (id.isEmpty() && !o.has("id")) {
      findings.error("", "no-feature-id", "devcontainer-feature.json needs an \"id\"");
    }
    Map<String, FeatureOption> options = new LinkedHashMap<>();
    f.objectEntries("options")
        .forEach(
            (name, spec) -> {
              String p = JsoncDocument.child("/options", name);
              if (!spec.isObject()) {
                findings.error(p, "bad-type", "option '" + name + "': expected an object");
                return;
              }
              Fields of = new Fields((ObjectNode) spec, p, findings);
              String type = of.string("type").orElse("string");
              if (!type.equals("string") && !type.equals("boolean")) {
                findings.error(
                    of.pointer("type"),
                    "bad-value",
                    "option '" + name + "': type must be \"string\" or \"boolean\"");
              }
              options.put(
                  name,
                  new FeatureOption(
                      type, of.node("default"), of.string("description"), of.strings("enum")));
            });
    MetadataEntry contribution =
        MetadataEntry.read(MetadataEntry.pick(o, MetadataEntry.FEATURE_PROPERTIES), "", findings);
    Map<String, JsonNode> dependsOn = f.objectEntries("dependsOn");
    return new FeatureMetadata(
        id.orElse(""),
        f.string("version"),
        f.string("name"),
        options,
        f.stringMap("containerEnv"),
        contribution,
        f.strings("installsAfter"),
        dependsOn,
        f.strings("legacyIds"),
        f.string("currentId"),
        o);
  }
}
