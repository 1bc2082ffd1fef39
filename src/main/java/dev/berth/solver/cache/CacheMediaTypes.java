package dev.berth.solver.cache;

/**
 * The media types of berth's build-cache artifact (docs/CACHE.md): an OCI image manifest whose
 * config is the cache config and whose layers are the cached layers.
 */
public final class CacheMediaTypes {

  /** The manifest's {@code artifactType}: what the artifact is, for registries that list them. */
  public static final String ARTIFACT = "application/vnd.berth.cache.v1";

  /** The config blob: the JSON document of the cache records, version 1. */
  public static final String CONFIG = "application/vnd.berth.cache.config.v1+json";

  private CacheMediaTypes() {}
}
