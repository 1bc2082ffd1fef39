package dev.berth.cli;

import dev.berth.app.ParseService;
import dev.berth.diag.BerthException;
import dev.berth.diag.DiagnosticRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code berth} command. */
@Command(
    name = "berth",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Builds, stores and runs OCI container images from Dockerfiles, without a daemon.",
      ""
    },
    subcommands = {
      BuildCommand.class,
      RunCommand.class,
      ComposeCommand.class,
      DevCommand.class,
      CreateCommand.class,
      ContainerCommands.Start.class,
      ContainerCommands.Stop.class,
      ContainerCommands.Restart.class,
      ContainerCommands.Kill.class,
      ContainerCommands.Rm.class,
      PsCommand.class,
      ContainerCommands.Logs.class,
      ContainerCommands.Exec.class,
      ContainerCommands.Wait.class,
      ContainerCommands.Port.class,
      VolumeCommand.class,
      NetworkCommand.class,
      ContainerCommands.Group.class,
      PlanCommand.class,
      CheckCommand.class,
      InitCommand.class,
      ImagesCommand.class,
      ImportCommand.class,
      InspectCommand.class,
      TagCommand.class,
      RmiCommand.class,
      LoadCommand.class,
      SaveCommand.class,
      PullCommand.class,
      PushCommand.class,
      LoginCommand.class,
      LogoutCommand.class,
      SystemCommand.class,
      InfoCommand.class,
      CompletionCommand.class,
      DebugCommand.class
    },
    footer = {"", "Exit codes: 0 ok, 1 failure, 2 bad input or usage."})
public final class BerthCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The configured command line: streams, exit codes and error rendering. */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, InputStream in) {
    CommandLine cl = new CommandLine(new BerthCommand(), new StdinFactory(in));
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    // `berth run IMAGE CMD -x`: everything after IMAGE belongs to the command, as with docker.
    for (String c : List.of("run", "create", "exec")) {
      cl.getSubcommands().get(c).setStopAtPositional(true);
    }
    cl.getSubcommands().get("dev").getSubcommands().get("exec").setStopAtPositional(true);
    for (String c : List.of("exec", "run")) {
      cl.getSubcommands().get("compose").getSubcommands().get(c).setStopAtPositional(true);
    }
    cl.setExitCodeExceptionMapper(t -> ExitCodes.FAILURE);
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          ex.getCommandLine().getErr().println("berth: " + ex.getMessage());
          ex.getCommandLine()
              .getErr()
              .println(
                  "Run '"
                      + ex.getCommandLine().getCommandSpec().qualifiedName()
                      + " --help' for usage.");
          return ExitCodes.USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (!(ex instanceof IOException
              || ex instanceof UncheckedIOException
              || ex instanceof InterruptedException)) {
            throw ex;
          }
          report(ex, commandLine.getErr());
          return ExitCodes.of(ex);
        });
    return cl;
  }

  /**
   * One error on stderr: located ones as {@code file:line:col: error: ...} with the source line and
   * a caret, others as {@code berth: message}; then any detail lines (a failed command's output).
   */
  static void report(Exception ex, PrintWriter e) {
    if (ex instanceof BerthException b && !b.diagnostics().isEmpty()) {
      if (!b.details().isEmpty()) {
        e.println();
      }
      e.print(renderer().render(b.diagnostics()));
    } else if (ex instanceof InterruptedException) {
      e.println("berth: interrupted");
    } else {
      e.println("berth: " + ex.getMessage());
    }
    if (ex instanceof BerthException b && !b.details().isEmpty()) {
      e.println("  last output:");
      b.details().forEach(l -> e.println("    " + l));
    }
    e.flush();
  }

  /** Renders diagnostics with the source lines read from disk. */
  static DiagnosticRenderer renderer() {
    return new DiagnosticRenderer(
        file -> {
          // No more than a Dockerfile may hold: the file may be /dev/zero.
          try (InputStream in = Files.newInputStream(Path.of(file))) {
            byte[] head = in.readNBytes(ParseService.MAX_DOCKERFILE_BYTES);
            return new String(head, StandardCharsets.UTF_8).lines().toList();
          } catch (IOException | RuntimeException e) {
            return List.of();
          }
        });
  }
}
