package dev.berth.dockerfile.syntax;

import dev.berth.diag.SourceRange;
import java.util.Objects;

/** A parser directive at the top of a Dockerfile ({@code # syntax=...}, {@code # escape=`}). */
public record Directive(String name, String value, SourceRange range) {

  public Directive {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(range, "range");
  }
}
