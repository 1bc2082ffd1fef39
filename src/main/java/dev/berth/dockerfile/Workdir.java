package dev.berth.dockerfile;

import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import java.util.Objects;

/**
 * {@code WORKDIR path}: the directory later steps and the container start in (relative paths join
 * the previous one).
 */
public record Workdir(String path, SourceRange range, String original)
    implements Instruction, Expandable<Workdir> {

  public Workdir {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(original, "original");
  }

  @Override
  public Workdir expand(WordExpander e) throws BerthException {
    return new Workdir(e.word(path), range, original);
  }
}
