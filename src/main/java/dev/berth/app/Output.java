package dev.berth.app;

import java.nio.file.Path;
import java.util.Objects;

/** {@code --output type=oci|docker,dest=FILE}: the built image also written as an archive. */
public record Output(ArchiveFormat format, Path destination) {
  public Output {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(destination, "destination");
  }
}
