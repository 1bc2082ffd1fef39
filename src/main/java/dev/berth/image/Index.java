package dev.berth.image;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An image index: descriptors of manifests (usually one per platform) or of nested indexes. Either
 * an OCI index or a Docker manifest list ({@link MediaType#DOCKER_MANIFEST_LIST}).
 */
public record Index(
    int schemaVersion,
    String mediaType,
    Optional<String> artifactType,
    List<Descriptor> manifests,
    Optional<Descriptor> subject,
    Map<String, String> annotations) {

  public Index {
    if (schemaVersion != 2) {
      throw new IllegalArgumentException("index schemaVersion must be 2, not " + schemaVersion);
    }
    if (!MediaType.isIndex(mediaType)) {
      throw new IllegalArgumentException("not an index media type: " + mediaType);
    }
    Objects.requireNonNull(artifactType, "artifactType");
    manifests = List.copyOf(manifests);
    Objects.requireNonNull(subject, "subject");
    annotations = Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
  }

  /** An OCI index of the given descriptors. */
  public static Index oci(List<Descriptor> manifests) {
    return new Index(
        2, MediaType.OCI_INDEX, Optional.empty(), manifests, Optional.empty(), Map.of());
  }

  public boolean isDocker() {
    return mediaType.equals(MediaType.DOCKER_MANIFEST_LIST);
  }

  /**
   * The descriptors whose platform has this OS, architecture and variant (an empty variant in
   * {@code wanted} matches any), in index order.
   */
  public List<Descriptor> manifestsFor(Platform wanted) {
    return manifests.stream()
        .filter(
            d ->
                d.platform()
                    .filter(p -> p.os().equals(wanted.os()))
                    .filter(p -> p.architecture().equals(wanted.architecture()))
                    .filter(p -> wanted.variant().isEmpty() || p.variant().equals(wanted.variant()))
                    .isPresent())
        .toList();
  }

  public Index withAnnotations(Map<String, String> a) {
    return new Index(schemaVersion, mediaType, artifactType, manifests, subject, a);
  }
}
