package dev.berth.compose;

import java.nio.file.Path;
import java.util.Objects;

/** An {@code env_file} entry; a missing file is an error only when {@code required}. */
public record EnvFile(Path path, boolean required) {
  public EnvFile {
    Objects.requireNonNull(path, "path");
  }
}
