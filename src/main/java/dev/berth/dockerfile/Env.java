package dev.berth.dockerfile;

import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import java.util.List;
import java.util.Objects;

/**
 * {@code ENV key=value ...} (or the old {@code ENV key value}): variables for later steps and the
 * image.
 */
public record Env(List<KeyValue> pairs, SourceRange range, String original)
    implements Instruction, Expandable<Env> {

  public Env {
    pairs = List.copyOf(pairs);
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(original, "original");
  }

  /** Expands every key and value with the values from before this instruction. */
  @Override
  public Env expand(WordExpander e) throws BerthException {
    return new Env(Expansions.pairs(e, pairs), range, original);
  }
}
