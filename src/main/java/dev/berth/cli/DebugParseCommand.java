package dev.berth.cli;

import dev.berth.app.ParseService;
import dev.berth.diag.BerthException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth debug parse}: prints a Dockerfile's syntax tree as BuildKit's parser dumps it. */
@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    description = {
      "Parses a Dockerfile and prints its syntax tree, one instruction a line, in the",
      "S-expression form of BuildKit's parser dump: (copy [\"--from=build\"] \"app\" \"/app\").",
      "Parser warnings (such as empty continuation lines) go to standard error.",
      "With --directives, the parser directives (syntax, escape, check) come first, one",
      "(directive \"name\" \"value\") a line."
    },
    footer = {
      "",
      "Examples:",
      "  berth debug parse                      # ./Dockerfile",
      "  berth debug parse -f docker/Dockerfile.dev",
      "",
      "Exit codes: 0 parsed, 2 missing file or malformed Dockerfile."
    })
final class DebugParseCommand implements Callable<Integer> {

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      defaultValue = "Dockerfile",
      description = "The Dockerfile to parse (default: ${DEFAULT-VALUE} in the current directory).")
  Path file;

  @Option(
      names = "--directives",
      description = "Show the parser directives (# syntax=, # escape=, # check=) too.")
  boolean directives;

  @Override
  public Integer call() throws BerthException {
    ParseService.ParsedDockerfile parsed = new ParseService().parse(file);
    if (!parsed.warnings().isEmpty()) {
      spec.commandLine().getErr().print(BerthCommand.renderer().render(parsed.warnings()));
      spec.commandLine().getErr().flush();
    }
    if (directives) {
      for (String d : parsed.directives()) {
        int eq = d.indexOf('=');
        spec.commandLine()
            .getOut()
            .println(
                "(directive " + quote(d.substring(0, eq)) + " " + quote(d.substring(eq + 1)) + ")");
      }
    }
    spec.commandLine().getOut().println(parsed.dump());
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
