package dev.berth.app;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A build secret ({@code --secret id=ID,src=FILE|env=VAR}): its id, and where its value is read
 * from when the build starts. The value never reaches a log, a layer or the image config.
 */
public record Secret(String id, Source source) {

  public Secret {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("a secret needs an id");
    }
  }

  /** Where a secret's value comes from. */
  public sealed interface Source {
    /** The bytes of a file. */
    record File(Path path) implements Source {
      public File {
        Objects.requireNonNull(path, "path");
      }
    }

    /** The value of an environment variable of berth's own environment. */
    record Env(String variable) implements Source {
      public Env {
        Objects.requireNonNull(variable, "variable");
      }
    }
  }
}
