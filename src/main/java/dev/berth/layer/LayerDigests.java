package dev.berth.layer;

import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import java.util.Objects;

/**
 * What writing a layer produced: the diffID (SHA-256 of the uncompressed tar), the digest and size
 * of the blob as written, and the blob's media type.
 */
public record LayerDigests(Digest diffId, Digest blobDigest, long blobSize, String mediaType) {

  public LayerDigests {
    Objects.requireNonNull(diffId, "diffId");
    Objects.requireNonNull(blobDigest, "blobDigest");
    Objects.requireNonNull(mediaType, "mediaType");
    if (blobSize < 0) {
      throw new IllegalArgumentException("negative blob size " + blobSize);
    }
  }

  /** The descriptor a manifest lists for this layer. */
  public Descriptor descriptor() {
    return new Descriptor(mediaType, blobDigest, blobSize);
  }
}
