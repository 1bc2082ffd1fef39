package dev.berth.app;

import dev.berth.image.LayerCompression;
import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code --output type=oci|docker,dest=FILE[,compression=…]}: the built image also written as an
 * archive, its layers in the form {@code compression} says.
 */
public record Output(ArchiveFormat format, Path destination, LayerCompression compression) {
  public Output {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(compression, "compression");
  }

  /** An archive whose built layers are gzip, as BuildKit writes them by default. */
  public Output(ArchiveFormat format, Path destination) {
    this(format, destination, LayerCompression.DEFAULT);
  }
}
