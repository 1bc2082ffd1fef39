package dev.berth.solver.cache;

import dev.berth.image.LayerCompression;
import java.util.Objects;

/**
 * {@code --cache-to}: where to write the build's cache records and which ones.
 *
 * @param ignoreError a failed export is a warning, not a failed build (BuildKit's {@code
 *     ignore-error})
 * @param compression the form the records' layers leave in
 */
public record CacheExport(
    CacheLocation to, Mode mode, boolean ignoreError, LayerCompression compression) {

  /** Layers as gzip. */
  public CacheExport(CacheLocation to, Mode mode, boolean ignoreError) {
    this(to, mode, ignoreError, LayerCompression.DEFAULT);
  }

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
    Objects.requireNonNull(compression, "compression");
  }
}
