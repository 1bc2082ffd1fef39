package dev.berth.app;

import java.util.List;

/**
 * A build that stopped at a step. The CLI prints where (stage, instruction, file and line), why,
 * and the failed command's last lines; it exits 2 for bad input and 1 otherwise.
 */
public final class BuildFailure extends Exception {

  private final String stage;
  private final String instruction;
  private final String location;
  private final String reason;
  private final int exitCode;
  private final List<String> lastLines;
  private final boolean badInput;

  public BuildFailure(
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
    this.reason = reason;
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

  public String reason() {
    return reason;
  }

  public int exitCode() {
    return exitCode;
  }

  public List<String> lastLines() {
    return lastLines;
  }

  public boolean badInput() {
    return badInput;
  }
}
