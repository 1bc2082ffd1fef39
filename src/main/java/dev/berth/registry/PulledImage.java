package dev.berth.registry;

import dev.berth.image.Descriptor;
import java.util.Objects;

/**
 * What a pull stored: the descriptor the tag or digest named (a manifest, or an index) and the
 * platform manifest chosen from it.
 */
public record PulledImage(Descriptor target, Descriptor manifest) {

  public PulledImage {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(manifest, "manifest");
  }
}
