package dev.berth.solver;

import java.util.List;

/** A step that ran and failed (a RUN that exited non-zero, a COPY source that is missing). */
public final class StepFailedException extends Exception {

  private final int exitCode;
  private final List<String> lastLines;

  public StepFailedException(String message, int exitCode, List<String> lastLines) {
    super(message);
    this.exitCode = exitCode;
    this.lastLines = List.copyOf(lastLines);
  }

  public StepFailedException(String message) {
    this(message, -1, List.of());
  }

  /** The process's exit code, or -1 when no process ran. */
  public int exitCode() {
    return exitCode;
  }

  /** The last lines the process wrote. */
  public List<String> lastLines() {
    return lastLines;
  }
}
