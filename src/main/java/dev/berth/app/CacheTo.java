package dev.berth.app;

import java.util.Objects;

/**
 * A {@code --cache-to}: where the build writes its cache records, and which.
 *
 * @param maxMode BuildKit's {@code mode=max}: every stage's steps; else {@code min}, the steps of
 *     the final image's stages only
 * @param ignoreError a failed export warns instead of failing the build
 */
public record CacheTo(CacheRef to, boolean maxMode, boolean ignoreError) {

  public CacheTo {
    Objects.requireNonNull(to, "to");
  }
}
