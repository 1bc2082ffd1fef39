package dev.berth.cli;

/** berth's exit codes: the same for every command. */
final class ExitCodes {
  static final int OK = 0;

  /** The work itself failed (a build step, a run). */
  static final int FAILURE = 1;

  /** Bad input or usage: a malformed file, an unknown flag, a missing argument. */
  static final int USAGE = 2;

  private ExitCodes() {}
}
