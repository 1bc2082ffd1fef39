package dev.berth.app;

import java.nio.file.Path;
import java.util.Objects;

/** A host directory or file bind-mounted into a container ({@code -v HOST:CONTAINER[:ro]}). */
public record Mount(Path source, String target, boolean readOnly) {

  public Mount {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    if (!source.isAbsolute()) {
      throw new IllegalArgumentException("mount source is not absolute: " + source);
    }
    if (!target.startsWith("/")) {
      throw new IllegalArgumentException("mount target is not absolute: " + target);
    }
  }
}
