package dev.berth.dockerfile;

import dev.berth.diag.SourceRange;
import java.util.Locale;

/**
 * One typed, validated Dockerfile instruction. Values are kept as written; {@link Expandable}
 * instructions produce an expanded copy of themselves when the planner knows the variables in
 * scope.
 */
public sealed interface Instruction
    permits From,
        Run,
        Cmd,
        Entrypoint,
        Shell,
        Copy,
        Add,
        Env,
        Label,
        Arg,
        Expose,
        Volume,
        User,
        Workdir,
        Healthcheck,
        StopSignal,
        OnBuild,
        Maintainer {

  /** Where the instruction stands in its file. */
  SourceRange range();

  /** The instruction's text as written (continuation lines joined). */
  String original();

  /** The instruction's name in upper case, as the Dockerfile reference writes it. */
  default String keyword() {
    return getClass().getSimpleName().toUpperCase(Locale.ROOT);
  }
}
