package dev.berth.dockerfile;

import dev.berth.diag.SourceRange;
import java.util.List;
import java.util.Objects;

/** {@code SHELL ["executable", "parameters"]}: the shell that shell-form commands run in. */
public record Shell(List<String> shell, SourceRange range, String original) implements Instruction {
  public Shell {
    shell = List.copyOf(shell);
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(original, "original");
  }
}
