package dev.berth.dockerfile;

import dev.berth.diag.BerthException;

/**
 * An instruction whose arguments the builder expands with the variables in scope (ENV, COPY, ...),
 * as opposed to RUN, CMD and ENTRYPOINT, whose text goes to the shell unchanged.
 */
public interface Expandable<T extends Instruction> {

  /** A copy of this instruction with every expandable argument expanded. */
  T expand(WordExpander expander) throws BerthException;
}
