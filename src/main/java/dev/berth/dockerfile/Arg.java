package dev.berth.dockerfile;

import dev.berth.diag.SourceRange;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code ARG name[=default] ...}. Not {@link Expandable}: the planner expands a default only when
 * no build arg replaces it.
 */
public record Arg(List<Declaration> declarations, SourceRange range, String original)
    implements Instruction {

  /** One declared name and its default as written. */
  public record Declaration(String name, Optional<String> defaultValue) {
    public Declaration {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(defaultValue, "defaultValue");
    }
  }

  public Arg {
    declarations = List.copyOf(declarations);
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(original, "original");
  }
}
