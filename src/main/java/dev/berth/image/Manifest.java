package dev.berth.image;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An image manifest: the config and layer descriptors of one image. Either an OCI manifest or a
 * Docker schema-2 manifest ({@link MediaType#DOCKER_MANIFEST}), which has the same shape. {@code
 * artifactType} and {@code subject} (OCI 1.1) are empty when absent.
 */
public record Manifest(
    int schemaVersion,
    String mediaType,
    Optional<String> artifactType,
    Descriptor config,
    List<Descriptor> layers,
    Optional<Descriptor> subject,
    Map<String, String> annotations) {

  public Manifest {
    if (schemaVersion != 2) {
      throw new IllegalArgumentException("manifest schemaVersion must be 2, not " + schemaVersion);
    }
    if (!MediaType.isManifest(mediaType)) {
      throw new IllegalArgumentException("not a manifest media type: " + mediaType);
    }
    Objects.requireNonNull(artifactType, "artifactType");
    Objects.requireNonNull(config, "config");
    layers = List.copyOf(layers);
    Objects.requireNonNull(subject, "subject");
    annotations = Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
  }

  /** An OCI image manifest for a config and its layers, bottom first. */
  public static Manifest oci(Descriptor config, List<Descriptor> layers) {
    return new Manifest(
        2, MediaType.OCI_MANIFEST, Optional.empty(), config, layers, Optional.empty(), Map.of());
  }

  /** A Docker schema-2 manifest for a config and its layers, bottom first. */
  public static Manifest docker(Descriptor config, List<Descriptor> layers) {
    return new Manifest(
        2, MediaType.DOCKER_MANIFEST, Optional.empty(), config, layers, Optional.empty(), Map.of());
  }

  public boolean isDocker() {
    return mediaType.equals(MediaType.DOCKER_MANIFEST);
  }

  public Manifest withAnnotations(Map<String, String> a) {
    return new Manifest(schemaVersion, mediaType, artifactType, config, layers, subject, a);
  }
}
