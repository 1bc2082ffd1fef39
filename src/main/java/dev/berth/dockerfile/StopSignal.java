package dev.berth.dockerfile;

import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import java.util.Objects;

/** {@code STOPSIGNAL signal}: the signal that stops the container. */
public record StopSignal(String signal, SourceRange range, String original)
    implements Instruction, Expandable<StopSignal> {

  public StopSignal {
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(original, "original");
  }

  @Override
  public StopSignal expand(WordExpander e) throws BerthException {
    return new StopSignal(e.word(signal), range, original);
  }
}
