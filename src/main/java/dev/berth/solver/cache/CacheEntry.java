package dev.berth.solver.cache;

import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One cache record as it is shared: the step's cache key, the key of the step before it, the
 * instruction that made it, when its layer was first made, and the layer with its diff ID (none for
 * a step that made no layer, such as a WORKDIR whose directory existed).
 */
public record CacheEntry(
    Digest key,
    Digest parent,
    String createdBy,
    Instant created,
    Optional<Descriptor> layer,
    Optional<Digest> diffId) {

  public CacheEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(diffId, "diffId");
    if (layer.isPresent() != diffId.isPresent()) {
      throw new IllegalArgumentException("a layer and its diff ID come together");
    }
  }
}
