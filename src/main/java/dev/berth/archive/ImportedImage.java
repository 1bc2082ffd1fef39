package dev.berth.archive;

import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import java.util.Objects;

/** An image made from a root file system: its manifest and its ID. */
public record ImportedImage(Descriptor manifest, Digest imageId, Digest diffId) {
  public ImportedImage {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(imageId, "imageId");
    Objects.requireNonNull(diffId, "diffId");
  }
}
