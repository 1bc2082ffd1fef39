package dev.berth.app;

/** The archive formats {@code berth save} writes. */
public enum ArchiveFormat {
  /** The tar {@code docker load} reads. */
  DOCKER,
  /** An OCI image layout, as a tar. */
  OCI
}
