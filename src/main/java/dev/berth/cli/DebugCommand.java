package dev.berth.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code berth debug}: the frontend's internals, for checking berth against other builders. */
@Command(
    name = "debug",
    mixinStandardHelpOptions = true,
    description = "Shows how berth reads Dockerfiles: the syntax tree and word expansion.",
    subcommands = {DebugParseCommand.class, DebugExpandCommand.class})
final class DebugCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
