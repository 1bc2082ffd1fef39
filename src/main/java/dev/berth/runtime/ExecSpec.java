package dev.berth.runtime;

import java.util.List;
import java.util.Objects;

/**
 * A process to run in a container that is already running: its arguments, environment ({@code
 * KEY=value}), working directory, user and whether it gets a terminal.
 */
public record ExecSpec(
    List<String> args, List<String> env, String cwd, UserSpec user, boolean tty) {

  public ExecSpec {
    args = List.copyOf(args);
    env = List.copyOf(env);
    Objects.requireNonNull(cwd, "cwd");
    Objects.requireNonNull(user, "user");
    if (args.isEmpty()) {
      throw new IllegalArgumentException("no command to run");
    }
    if (!cwd.startsWith("/")) {
      throw new IllegalArgumentException("working directory is not absolute: " + cwd);
    }
    for (String e : env) {
      if (e.indexOf('=') <= 0) {
        throw new IllegalArgumentException("environment entry is not KEY=value: " + e);
      }
    }
  }

  /** A process as root in {@code /}, with no terminal and the default PATH. */
  public static ExecSpec of(List<String> args) {
    return new ExecSpec(args, List.of(), "/", UserSpec.ROOT, false);
  }
}
