package dev.berth.cli;

import dev.berth.diag.BerthException;
import dev.berth.diag.FileErrors;
import java.io.IOException;
import java.io.UncheckedIOException;

/** berth's exit codes, the same for every command, and the one place that maps errors to them. */
final class ExitCodes {
  static final int OK = 0;

  /** The work itself failed (a build step, a run, an unreachable registry). */
  static final int FAILURE = 1;

  /** Bad input or usage: a malformed file, an unknown flag, a missing image. */
  static final int USAGE = 2;

  /** Stopped by SIGINT, as shells report it. */
  static final int INTERRUPTED = 130;

  private ExitCodes() {}

  /** The exit code for a failure that reached the command line. */
  static int of(Throwable t) {
    if (t instanceof BerthException b) {
      return b.kind().isInputError() ? USAGE : FAILURE;
    }
    if (t instanceof IOException e) {
      return FileErrors.kind(e).isInputError() ? USAGE : FAILURE;
    }
    if (t instanceof UncheckedIOException u) {
      return of(u.getCause());
    }
    if (t instanceof InterruptedException) {
      return INTERRUPTED;
    }
    return FAILURE;
  }
}
