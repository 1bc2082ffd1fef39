package dev.berth.archive;

import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import java.util.List;
import java.util.Objects;

/**
 * An image read from an archive into the store.
 *
 * @param names full references the archive gave it; empty when it is untagged
 * @param target the manifest (or index) to point refs at
 * @param imageId the config digest
 */
public record LoadedImage(List<String> names, Descriptor target, Digest imageId) {
  public LoadedImage {
    names = List.copyOf(names);
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(imageId, "imageId");
  }
}
