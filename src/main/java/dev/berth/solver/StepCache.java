package dev.berth.solver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.store.CacheRecord;
import dev.berth.store.Store;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The results of layer steps, by cache key: the layer made and when it was first made. */
final class StepCache {

  /** A cached layer step; a WORKDIR whose directory existed made no layer. */
  record Hit(Optional<Descriptor> layer, Optional<Digest> diffId, Instant created) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Store store;

  StepCache(Store store) {
    this.store = store;
  }

  Optional<Hit> get(Digest key) throws IOException {
    Optional<CacheRecord> r = store.cache().get(key);
    if (r.isEmpty()) {
      return Optional.empty();
    }
    JsonNode n = JSON.readTree(r.get().value());
    Instant created = Instant.parse(n.path("created").asText());
    if (n.path("digest").isMissingNode()) {
      return Optional.of(new Hit(Optional.empty(), Optional.empty(), created));
    }
    Descriptor layer =
        new Descriptor(
            n.path("mediaType").asText(),
            Digest.parse(n.path("digest").asText()),
            n.path("size").asLong());
    // A record whose blob went away (pruned) is a miss, not an error.
    if (!store.content().exists(layer.digest())) {
      return Optional.empty();
    }
    return Optional.of(
        new Hit(Optional.of(layer), Optional.of(Digest.parse(n.path("diffId").asText())), created));
  }

  void put(Digest key, Hit hit) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.put("created", hit.created().toString());
    if (hit.layer().isPresent()) {
      Descriptor layer = hit.layer().get();
      n.put("mediaType", layer.mediaType());
      n.put("digest", layer.digest().toString());
      n.put("size", layer.size());
      n.put("diffId", hit.diffId().orElseThrow().toString());
    }
    store
        .cache()
        .put(
            key,
            JSON.writeValueAsBytes(n),
            hit.layer().map(l -> List.of(l.digest())).orElse(List.of()));
  }
}
