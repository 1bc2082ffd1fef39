package dev.berth.registry;

import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import java.util.Objects;

/** A manifest or index as the registry sent it: its exact bytes, media type and digest. */
public record FetchedManifest(String mediaType, Digest digest, byte[] bytes) {

  public FetchedManifest {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(bytes, "bytes");
  }

  public Descriptor descriptor() {
    return new Descriptor(mediaType, digest, bytes.length);
  }
}
