package dev.berth.cli;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code berth completion bash|zsh}: the shell completion script, generated from the command model
 * by picocli's own generator, so it lists every command and flag there is.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = "Prints the shell completion script for bash or zsh.",
    footer = {
      "",
      "Examples:",
      "  source <(berth completion bash)",
      "  berth completion bash > /etc/bash_completion.d/berth",
      "  berth completion zsh > \"${fpath[1]}/_berth\""
    })
final class CompletionCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
  String shell;

  @Override
  public Integer call() throws Exception {
    // The command line that runs this one holds only this command (BerthCommand.commandsFor).
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter none = new PrintWriter(Writer.nullWriter());
    String script =
        AutoComplete.bash(
            "berth", BerthCommand.commandLine(none, none, InputStream.nullInputStream()));
    switch (shell) {
      case "bash" -> out.print(script);
      // picocli's script is written for bash and zsh alike; zsh runs it through bashcompinit.
      case "zsh" -> {
        out.println("autoload -U +X compinit && compinit");
        out.println("autoload -U +X bashcompinit && bashcompinit");
        out.print(script);
      }
      default ->
          throw new BerthException(
              ErrorKind.INVALID_INPUT,
              "completion: unknown shell '"
                  + shell
                  + "' (expected bash or zsh; fish is not"
                  + " supported yet)");
    }
    out.flush();
    return ExitCodes.OK;
  }
}
