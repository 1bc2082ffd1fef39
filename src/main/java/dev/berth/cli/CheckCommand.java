package dev.berth.cli;

import dev.berth.app.CheckService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth check}: reports what is wrong with a project's Dockerfile, compose file and
 * devcontainer.json, where, and how to fix it.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Checks a Dockerfile with BuildKit's build checks (same names and messages) and berth's own"
          + " rules, reading the context's .dockerignore and pyproject.toml ([tool.berth.check]"
          + " skip = [...]); and, with it, the compose file (compose.yaml and its kin) and the"
          + " devcontainer.json (.devcontainer/devcontainer.json or .devcontainer.json) found in"
          + " DIR, with the rules across files.",
      "Switch a rule off for one instruction with '# berth:skip=Rule' in the comment lines above"
          + " it (in a compose file too; '// berth:skip=Rule' in devcontainer.json), or for the"
          + " Dockerfile with '# check=skip=Rule' on its first lines."
    },
    footer = {
      "",
      "Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 bad input.",
      "",
      "Examples:",
      "  berth check examples/python-poetry",
      "  berth check --compose deploy/compose.yaml --devcontainer .devcontainer/devcontainer.json"
          + " .",
      "  berth check --target app-pre --format sarif . > berth.sarif"
    })
final class CheckCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "The Dockerfile (default: DIR/Dockerfile). Repeatable: each is checked.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--compose",
      paramLabel = "FILE",
      description = "The compose file (default: compose.yaml or its kin in DIR, if there is one).")
  Path compose;

  @Option(
      names = "--devcontainer",
      paramLabel = "FILE",
      description =
          "The devcontainer.json (default: DIR/.devcontainer/devcontainer.json or"
              + " DIR/.devcontainer.json, if there is one).")
  Path devcontainer;

  @Option(
      names = "--target",
      paramLabel = "STAGE",
      description = "The stage the build produces; it counts as production, as the last does.")
  String target;

  @Option(
      names = "--build-arg",
      paramLabel = "NAME[=VALUE]",
      converter = Converters.PairOrName.class,
      description = "A build arg; NAME alone takes its value from the environment. Repeatable.")
  List<KeyValue> buildArgs = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "text (default), json or sarif.",
      defaultValue = "text")
  CheckService.Format format;

  @Option(
      names = "--fail-on",
      paramLabel = "LEVEL",
      description = "warning (default) or error: the least severe finding that makes the exit 1.",
      defaultValue = "warning")
  FailOn failOn;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      description = "The build context directory (default: the current directory).")
  Path context = Path.of(".");

  enum FailOn {
    warning,
    error
  }

  @Override
  public Integer call() throws Exception {
    Map<String, String> args = KeyValue.toMap(buildArgs, System::getenv);
    CheckService.CheckOutcome outcome =
        new CheckService()
            .check(
                new CheckService.CheckRequest(
                    context,
                    files,
                    Optional.ofNullable(compose),
                    Optional.ofNullable(devcontainer),
                    Optional.ofNullable(target),
                    args,
                    System.getenv(),
                    true,
                    format));
    PrintWriter out = spec.commandLine().getOut();
    out.print(outcome.output());
    out.flush();
    if (outcome.badInput()) {
      return ExitCodes.USAGE;
    }
    return outcome.failsAt(failOn.name()) ? ExitCodes.FAILURE : ExitCodes.OK;
  }
}
