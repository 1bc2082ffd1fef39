package dev.berth.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Descriptors as OCI JSON, read and written with Jackson's tree model; the image codec is kept out
 * of the store so the two can change apart.
 */
final class DescriptorJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private DescriptorJson() {}

  static ObjectNode write(Descriptor d) {
    ObjectNode n = NODES.objectNode();
    n.put("mediaType", d.mediaType());
    n.put("digest", d.digest().toString());
    n.put("size", d.size());
    if (!d.annotations().isEmpty()) {
      ObjectNode a = n.putObject("annotations");
      d.annotations().forEach(a::put);
    }
    d.platform()
        .ifPresent(
            p -> {
              ObjectNode pn = n.putObject("platform");
              pn.put("architecture", p.architecture());
              pn.put("os", p.os());
              if (!p.osVersion().isEmpty()) {
                pn.put("os.version", p.osVersion());
              }
              if (!p.osFeatures().isEmpty()) {
                var features = pn.putArray("os.features");
                p.osFeatures().forEach(features::add);
              }
              if (!p.variant().isEmpty()) {
                pn.put("variant", p.variant());
              }
            });
    return n;
  }

  /**
   * Reads a descriptor.
   *
   * @throws IllegalArgumentException naming the missing or malformed field
   */
  static Descriptor read(JsonNode n) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("descriptor is not a JSON object");
    }
    JsonNode digest = n.get("digest");
    JsonNode size = n.get("size");
    if (digest == null || !digest.isTextual()) {
      throw new IllegalArgumentException("descriptor has no digest");
    }
    if (size == null || !size.canConvertToLong()) {
      throw new IllegalArgumentException("descriptor " + digest.asText() + " has no size");
    }
    Map<String, String> annotations = new TreeMap<>();
    JsonNode a = n.get("annotations");
    if (a != null && a.isObject()) {
      a.fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
    }
    Optional<Platform> platform = Optional.empty();
    JsonNode p = n.get("platform");
    if (p != null && p.isObject()) {
      List<String> features = new ArrayList<>();
      p.path("os.features").forEach(f -> features.add(f.asText()));
      platform =
          Optional.of(
              new Platform(
                  p.path("architecture").asText(""),
                  p.path("os").asText(""),
                  p.path("variant").asText(""),
                  p.path("os.version").asText(""),
                  features));
    }
    return new Descriptor(
        n.path("mediaType").asText(""),
        Digest.parse(digest.asText()),
        size.asLong(),
        annotations,
        platform);
  }
}
