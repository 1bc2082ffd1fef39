package dev.berth.archive;

import dev.berth.image.Descriptor;
import dev.berth.image.ImageReference;
import dev.berth.image.Manifest;
import java.util.List;
import java.util.Objects;

/**
 * An image to write into an archive: the names to record for it and its platform manifest.
 *
 * @param names references to tag it with in the archive; may be empty
 */
public record ExportedImage(
    List<ImageReference> names, Descriptor manifestDescriptor, Manifest manifest) {
  public ExportedImage {
    names = List.copyOf(names);
    Objects.requireNonNull(manifestDescriptor, "manifestDescriptor");
    Objects.requireNonNull(manifest, "manifest");
  }
}
