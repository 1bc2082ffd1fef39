package dev.berth.runtime;

import java.util.OptionalInt;

/**
 * How a container process ended: its exit code ({@code 128 + n} when signal {@code n} ended it, as
 * shells report it) and whether berth killed it because its time ran out.
 */
public record ExitStatus(int code, boolean timedOut) {

  /** The signal that ended the process, read from the code by the shell convention. */
  public OptionalInt signal() {
    return code > 128 && code <= 128 + 64 ? OptionalInt.of(code - 128) : OptionalInt.empty();
  }

  /** Whether the process ended because of a signal, by the same convention. */
  public boolean signalled() {
    return signal().isPresent();
  }

  public boolean success() {
    return code == 0;
  }
}
