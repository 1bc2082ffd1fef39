package dev.berth.dockerfile;

import dev.berth.diag.SourceRange;
import java.util.Objects;

/** {@code ENTRYPOINT}: the process the container starts. */
public record Entrypoint(CommandForm command, SourceRange range, String original)
    implements Instruction {
  public Entrypoint {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(original, "original");
  }
}
