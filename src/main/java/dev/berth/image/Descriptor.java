package dev.berth.image;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A reference to a blob: its media type, digest and size, and optionally annotations and the
 * platform it is for (in an index).
 */
public record Descriptor(
    String mediaType,
    Digest digest,
    long size,
    Map<String, String> annotations,
    Optional<Platform> platform) {

  public Descriptor {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(digest, "digest");
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size);
    }
    annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
    Objects.requireNonNull(platform, "platform");
  }

  public Descriptor(String mediaType, Digest digest, long size) {
    this(mediaType, digest, size, Map.of(), Optional.empty());
  }

  public Descriptor withAnnotations(Map<String, String> a) {
    return new Descriptor(mediaType, digest, size, a, platform);
  }

  public Descriptor withPlatform(Platform p) {
    return new Descriptor(mediaType, digest, size, annotations, Optional.of(p));
  }
}
