package dev.berth.dockerfile;

import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import java.util.List;
import java.util.Objects;

/** {@code LABEL key=value ...}: image metadata. */
public record Label(List<KeyValue> pairs, SourceRange range, String original)
    implements Instruction, Expandable<Label> {

  public Label {
    pairs = List.copyOf(pairs);
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(original, "original");
  }

  /** Expands every key and value with the values from before this instruction. */
  @Override
  public Label expand(WordExpander e) throws BerthException {
    return new Label(Expansions.pairs(e, pairs), range, original);
  }
}
