package dev.berth.app;

import dev.berth.image.LayerCompression;
import java.util.Objects;

/**
 * A {@code --cache-to}: where the build writes its cache records, and which.
 *
 * @param maxMode BuildKit's {@code mode=max}: every stage's steps; else {@code min}, the steps of
 *     the final image's stages only
 * @param ignoreError a failed export warns instead of failing the build
 * @param compression the form the cache's layers leave in (BuildKit's {@code compression=})
 */
public record CacheTo(
    CacheRef to, boolean maxMode, boolean ignoreError, LayerCompression compression) {

  public CacheTo {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(compression, "compression");
  }

  /** Layers as gzip, BuildKit's default. */
  public CacheTo(CacheRef to, boolean maxMode, boolean ignoreError) {
    this(to, maxMode, ignoreError, LayerCompression.DEFAULT);
  }
}
