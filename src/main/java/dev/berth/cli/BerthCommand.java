package dev.berth.cli;

import dev.berth.app.ParseService;
import dev.berth.diag.BerthException;
import dev.berth.diag.DiagnosticRenderer;
import dev.berth.diag.FileErrors;
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
    footer = {"", "Exit codes: 0 ok, 1 failure, 2 bad input or usage."})
public final class BerthCommand implements Runnable {

  /**
   * berth's commands, in the order {@code --help} lists them. They are added to the command line
   * when it is made, not named in the annotation, so that a command line made for one command
   * builds only that command's model: picocli reflects over every option of every command it holds,
   * which cost about 100 ms of each start.
   */
  static final List<Class<?>> COMMANDS =
      List.of(
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
          HistoryCommand.class,
          ImageCommand.class,
          BuilderCommand.class,
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
          VersionCommand.class,
          CompletionCommand.class,
          DebugCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The configured command line with every command: streams, exit codes and error rendering. */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, InputStream in) {
    return commandLine(out, err, in, COMMANDS);
  }

  /**
   * The configured command line for {@code args}: with only the command they name when their first
   * word is one (its help, errors and execution need no other), with none for the bare version
   * flag, and with every command otherwise (the usage, suggestions for a misspelt name).
   */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, InputStream in, String[] args) {
    return commandLine(out, err, in, commandsFor(args));
  }

  static List<Class<?>> commandsFor(String[] args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      return List.of();
    }
    if (args.length > 0) {
      for (Class<?> c : COMMANDS) {
        Command command = c.getAnnotation(Command.class);
        if (command.name().equals(args[0]) || List.of(command.aliases()).contains(args[0])) {
          return List.of(c);
        }
      }
    }
    return COMMANDS;
  }

  private static CommandLine commandLine(
      PrintWriter out, PrintWriter err, InputStream in, List<Class<?>> commands) {
    StdinFactory factory = new StdinFactory(in);
    CommandLine cl = new CommandLine(new BerthCommand(), factory);
    for (Class<?> c : commands) {
      cl.addSubcommand(new CommandLine(c, factory));
    }
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    // `berth run IMAGE CMD -x`: everything after IMAGE belongs to the command, as with docker.
    for (String c : List.of("run", "create", "exec")) {
      stopAtPositional(cl, c);
    }
    stopAtPositional(cl, "dev", "exec");
    for (String c : List.of("exec", "run")) {
      stopAtPositional(cl, "compose", c);
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

  /** Makes the command at {@code path}, where this command line holds it, stop at positionals. */
  private static void stopAtPositional(CommandLine cl, String... path) {
    for (String name : path) {
      cl = cl.getSubcommands().get(name);
      if (cl == null) {
        return;
      }
    }
    cl.setStopAtPositional(true);
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
    } else if (ex instanceof BerthException) {
      e.println("berth: " + ex.getMessage());
    } else if (ex instanceof IOException io) {
      e.println("berth: " + FileErrors.describe(io));
    } else if (ex instanceof UncheckedIOException u) {
      e.println("berth: " + FileErrors.describe(u.getCause()));
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
