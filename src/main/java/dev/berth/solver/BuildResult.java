package dev.berth.solver;

import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import java.util.Objects;

/** A built image: its manifest in the store and its ID (the config digest). */
public record BuildResult(Descriptor manifest, Digest imageId, int steps, int cached) {
  public BuildResult {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(imageId, "imageId");
  }
}
