package dev.berth.solver;

import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.ImageConfig;
import dev.berth.image.Images;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A stage's image as far as it is built: its layers, its config, and the cache key of the step that
 * made it.
 */
record ImageState(List<Descriptor> layers, ImageConfig config, Digest key) {

  ImageState {
    layers = List.copyOf(layers);
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(key, "key");
  }

  List<Digest> diffIds() {
    return config.diffIds();
  }

  /** The chain ID of all layers, which names their snapshot; empty for no layers. */
  Optional<Digest> chainId() {
    return Images.chainId(diffIds());
  }

  ImageState withLayer(Descriptor layer, ImageConfig newConfig, Digest newKey) {
    List<Descriptor> l = new ArrayList<>(layers);
    l.add(layer);
    return new ImageState(l, newConfig, newKey);
  }

  ImageState with(ImageConfig newConfig, Digest newKey) {
    return new ImageState(layers, newConfig, newKey);
  }
}
