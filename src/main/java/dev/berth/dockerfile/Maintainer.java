package dev.berth.dockerfile;

import dev.berth.diag.SourceRange;
import java.util.Objects;

/** {@code MAINTAINER name} (deprecated): sets the image's author. */
public record Maintainer(String name, SourceRange range, String original) implements Instruction {
  public Maintainer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(original, "original");
  }
}
