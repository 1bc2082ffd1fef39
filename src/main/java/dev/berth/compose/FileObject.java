package dev.berth.compose;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A top-level secret or config: its content comes from a file, an environment variable or (for
 * configs) inline text, or it is external.
 */
public record FileObject(
    String name,
    Optional<Path> file,
    Optional<String> environment,
    Optional<String> content,
    boolean external,
    Map<String, String> labels) {

  public FileObject {
    Objects.requireNonNull(name, "name");
    labels = Map.copyOf(labels);
  }
}
