package dev.berth.dockerfile;

import dev.berth.diag.SourceRange;
import java.util.Objects;

/** {@code CMD}: the default command (or the entrypoint's default arguments). */
public record Cmd(CommandForm command, SourceRange range, String original) implements Instruction {
  public Cmd {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(original, "original");
  }
}
