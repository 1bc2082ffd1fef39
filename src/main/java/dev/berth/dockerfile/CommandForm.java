package dev.berth.dockerfile;

import java.util.List;
import java.util.Objects;

/** How RUN, CMD and ENTRYPOINT give their command: a shell line or an exec array. */
public sealed interface CommandForm {

  /** {@code RUN echo hi}: run through the stage's SHELL. */
  record ShellForm(String script) implements CommandForm {
    public ShellForm {
      Objects.requireNonNull(script, "script");
    }
  }

  /** {@code RUN ["echo", "hi"]}: run directly, no shell. */
  record ExecForm(List<String> args) implements CommandForm {
    public ExecForm {
      args = List.copyOf(args);
    }
  }

  /** The command as docker shows it in history and in {@code docker inspect}. */
  default String display() {
    if (this instanceof ShellForm s) {
      return s.script();
    }
    if (this instanceof ExecForm e) {
      return Json.array(e.args());
    }
    throw new AssertionError(this);
  }
}
