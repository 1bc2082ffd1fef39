package dev.berth.solver;

import java.util.List;

/**
 * The build stopped at a step: says which stage, which instruction at which line, and why, with the
 * last lines a failed command wrote.
 */
public final class BuildFailedException extends Exception {

  private final String stage;
  private final String instruction;
  private final String location;
  private final int exitCode;
  private final List<String> lastLines;
  private final boolean badInput;

  public BuildFailedException(
      String stage,
      String instruction,
      String location,
      String reason,
      int exitCode,
      List<String> lastLines,
      boolean badInput) {
    super(location + ": stage " + stage + ": " + instruction + ": " + reason);
    this.stage = stage;
    this.instruction = instruction;
    this.location = location;
    this.exitCode = exitCode;
    this.lastLines = List.copyOf(lastLines);
    this.badInput = badInput;
  }

  public String stage() {
    return stage;
  }

  public String instruction() {
    return instruction;
  }

  public String location() {
    return location;
  }

  /** The failed command's exit code, or -1. */
  public int exitCode() {
    return exitCode;
  }

  public List<String> lastLines() {
    return lastLines;
  }

  /** True when the input was wrong (a missing COPY source, an unknown image or user): exit 2. */
  public boolean badInput() {
    return badInput;
  }
}
