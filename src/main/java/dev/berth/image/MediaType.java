package dev.berth.image;

import java.util.Set;

/** The media types of OCI and Docker image content. */
public final class MediaType {

  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
  public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  public static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
  public static final String OCI_LAYOUT_HEADER = "application/vnd.oci.layout.header.v1+json";

  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  public static final String DOCKER_LAYER_GZIP =
      "application/vnd.docker.image.rootfs.diff.tar.gzip";
  public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar";
  public static final String DOCKER_FOREIGN_LAYER_GZIP =
      "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

  private static final Set<String> MANIFESTS = Set.of(OCI_MANIFEST, DOCKER_MANIFEST);
  private static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_MANIFEST_LIST);

  private MediaType() {}

  public static boolean isManifest(String type) {
    return MANIFESTS.contains(type);
  }

  public static boolean isIndex(String type) {
    return INDEXES.contains(type);
  }

  /** The compression a layer media type implies. */
  public static Compression layerCompression(String type) {
    if (type.endsWith("+gzip") || type.endsWith(".tar.gzip")) {
      return Compression.GZIP;
    }
    if (type.endsWith("+zstd")) {
      return Compression.ZSTD;
    }
    if (type.endsWith(".tar") || type.endsWith("diff.tar")) {
      return Compression.NONE;
    }
    throw new IllegalArgumentException("not a layer media type: " + type);
  }

  /** How a layer blob is compressed. */
  public enum Compression {
    NONE,
    GZIP,
    ZSTD
  }
}
