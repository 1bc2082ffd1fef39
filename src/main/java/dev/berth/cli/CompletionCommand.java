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
 * {@code berth completion bash|zsh|fish}: the shell completion script, generated from the command
 * model (bash and zsh by picocli's own generator, fish by {@link FishCompletion}), so it lists
 * every command and flag there is.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = "Prints the shell completion script for bash, zsh or fish.",
    footer = {
      "",
      "Examples:",
      "  source <(berth completion bash)",
      "  berth completion bash > /etc/bash_completion.d/berth",
      "  berth completion zsh > \"${fpath[1]}/_berth\"",
      "  berth completion fish > ~/.config/fish/completions/berth.fish"
    })
final class CompletionCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SHELL", description = "bash, zsh or fish.")
  String shell;

  @Override
  public Integer call() throws Exception {
    // The command line that runs this one holds only this command (BerthCommand.commandsFor).
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter none = new PrintWriter(Writer.nullWriter());
    CommandLine all = BerthCommand.commandLine(none, none, InputStream.nullInputStream());
    switch (shell) {
      case "bash" -> out.print(AutoComplete.bash("berth", all));
      // picocli's script is written for bash and zsh alike; zsh runs it through bashcompinit.
      case "zsh" -> {
        out.println("autoload -U +X compinit && compinit");
        out.println("autoload -U +X bashcompinit && bashcompinit");
        out.print(AutoComplete.bash("berth", all));
      }
      case "fish" -> out.print(FishCompletion.script("berth", all));
      default ->
          throw new BerthException(
              ErrorKind.INVALID_INPUT,
              "completion: unknown shell '" + shell + "' (expected bash, zsh or fish)");
    }
    out.flush();
    return ExitCodes.OK;
  }
}
