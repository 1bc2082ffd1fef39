package dev.berth.scaffold;

/** The tool that installs a project's dependencies in the images {@code berth init} writes. */
public enum Tool {
  POETRY("poetry"),
  UV("uv"),
  PIP("pip");

  private final String command;

  Tool(String command) {
    this.command = command;
  }

  /** The program's name, as typed. */
  public String command() {
    return command;
  }
}
