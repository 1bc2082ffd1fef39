package dev.berth.scaffold;

import java.util.Objects;

/**
 * A file {@code berth init} writes.
 *
 * @param path the path relative to the project, with {@code /} separators
 */
public record GeneratedFile(String path, String text) {
  public GeneratedFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(text, "text");
  }
}
