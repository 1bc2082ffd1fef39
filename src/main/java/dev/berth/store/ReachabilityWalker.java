package dev.berth.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.json.ImageJson;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Follows refs through the JSON it finds: an index to its manifests, a manifest to its config and
 * layers, a config to its layers' chain IDs. Only those fields are read, so the store does not
 * depend on the full image codec.
 */
final class ReachabilityWalker {

  private static final ObjectMapper JSON = new ObjectMapper();
  // Manifests and configs are small; a large blob is a layer whatever its descriptor says.
  private static final long MAX_JSON = 16L << 20;

  private final ContentStore content;

  ReachabilityWalker(ContentStore content) {
    this.content = content;
  }

  Reachable walk(List<Descriptor> roots) throws IOException {
    Set<Digest> blobs = new HashSet<>();
    Set<Digest> chains = new HashSet<>();
    Deque<Digest> manifests = new ArrayDeque<>();
    for (Descriptor root : roots) {
      manifests.add(root.digest());
    }
    while (!manifests.isEmpty()) {
      Digest digest = manifests.pop();
      if (!blobs.add(digest)) {
        continue;
      }
      Optional<JsonNode> node = readJson(digest);
      if (node.isEmpty()) {
        continue;
      }
      for (JsonNode m : node.get().path("manifests")) {
        descriptor(m).ifPresent(d -> manifests.push(d.digest()));
      }
      for (JsonNode l : node.get().path("layers")) {
        descriptor(l).ifPresent(d -> blobs.add(d.digest()));
      }
      Optional<Descriptor> config = descriptor(node.get().get("config"));
      if (config.isPresent() && blobs.add(config.get().digest())) {
        readJson(config.get().digest()).ifPresent(c -> chains.addAll(chainIds(c)));
      }
    }
    return new Reachable(blobs, chains);
  }

  private static List<Digest> chainIds(JsonNode config) {
    List<Digest> diffIds = new ArrayList<>();
    for (JsonNode d : config.path("rootfs").path("diff_ids")) {
      if (!Digest.isValid(d.asText())) {
        return List.of();
      }
      diffIds.add(Digest.parse(d.asText()));
    }
    return ChainId.of(diffIds);
  }

  private static Optional<Descriptor> descriptor(JsonNode n) {
    if (n == null || !n.isObject()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ImageJson.readDescriptor(n));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The blob as JSON, or empty when it is missing, large, or not JSON (then it has no edges). */
  private Optional<JsonNode> readJson(Digest digest) throws IOException {
    Optional<Long> size = content.size(digest);
    if (size.isEmpty() || size.get() > MAX_JSON) {
      return Optional.empty();
    }
    try {
      JsonNode n = JSON.readTree(content.readAll(digest));
      return n != null && n.isObject() ? Optional.of(n) : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
