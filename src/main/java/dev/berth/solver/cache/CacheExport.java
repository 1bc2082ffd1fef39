package dev.berth.solver.cache;

import java.util.Objects;

/**
 * {@code --cache-to}: where to write the build's cache records and which ones.
 *
 * @param ignoreError a failed export is a warning, not a failed build (BuildKit's {@code
 *     ignore-error})
 */
public record CacheExport(CacheLocation to, Mode mode, boolean ignoreError) {

  /** BuildKit's modes. */
  public enum Mode {
    /** The steps of the final image: the target stage and the stages it is built FROM. */
    MIN,
    /** The steps of every stage the build ran, COPY --from sources included. */
    MAX
  }

  public CacheExport {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(mode, "mode");
  }
}
