package dev.berth.store;

import dev.berth.image.Digest;
import java.util.Set;

/** What the refs reach: blobs (manifests, indexes, configs, layers) and layer chain IDs. */
public record Reachable(Set<Digest> blobs, Set<Digest> chainIds) {

  public Reachable {
    blobs = Set.copyOf(blobs);
    chainIds = Set.copyOf(chainIds);
  }
}
