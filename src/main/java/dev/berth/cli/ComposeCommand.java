package dev.berth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.app.Berth;
import dev.berth.app.BuildService;
import dev.berth.app.ComposeService;
import dev.berth.diag.Diagnostic;
import dev.berth.event.BuildEvent;
import dev.berth.event.EventSink;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code berth compose}: Docker Compose's files and commands, with no daemon. */
@Command(
    name = "compose",
    mixinStandardHelpOptions = true,
    description = {
      "Reads compose files exactly as Docker Compose does (compose.yaml, compose.yml,"
          + " docker-compose.yaml, docker-compose.yml, found in this folder or a parent, with"
          + " compose.override.yaml), builds every service's image at once through berth's build"
          + " engine, and runs the services as berth containers on a network per project."
    },
    subcommands = {
      ComposeCommand.Config.class,
      ComposeCommand.Build.class,
      ComposeCommand.Up.class,
      ComposeCommand.Down.class,
      ComposeCommand.Ps.class,
      ComposeCommand.Logs.class,
      ComposeCommand.Exec.class,
      ComposeCommand.Run.class,
      ComposeCommand.Start.class,
      ComposeCommand.Stop.class,
      ComposeCommand.Restart.class,
      ComposeCommand.Pull.class,
      ComposeCommand.Push.class,
      ComposeCommand.Images.class
    },
    footer = {
      "",
      "Examples:",
      "  DOCKER_IMAGE=app berth compose build",
      "  berth compose -f compose.yaml -f compose.prod.yaml config",
      "  berth compose up -d && berth compose ps && berth compose down -v"
    })
final class ComposeCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin StoreOptions store;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "A compose file (- for stdin); repeatable, merged in order.")
  List<String> files = new ArrayList<>();

  @Option(
      names = {"-p", "--project-name"},
      paramLabel = "NAME",
      description = "The project name (default: COMPOSE_PROJECT_NAME, name:, the folder's).")
  String projectName;

  @Option(
      names = "--profile",
      paramLabel = "PROFILE",
      description = "Enable services of this profile; repeatable.")
  List<String> profiles = new ArrayList<>();

  @Option(
      names = "--env-file",
      paramLabel = "FILE",
      description = "Variables for interpolation, instead of .env; repeatable.")
  List<Path> envFiles = new ArrayList<>();

  @Option(
      names = "--project-directory",
      paramLabel = "DIR",
      description = "The project's folder (default: the first compose file's).")
  Path projectDirectory;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  ComposeService.ComposeRequest request() {
    return new ComposeService.ComposeRequest(
        Path.of("").toAbsolutePath(),
        files,
        Optional.ofNullable(projectDirectory),
        Optional.ofNullable(projectName),
        profiles,
        envFiles,
        System.getenv(),
        () -> System.in);
  }

  /** Loads the project, printing its warnings as docker compose does. */
  ComposeService.Project load(Berth berth) throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    ComposeService.Project p =
        berth.compose().load(request(), (Diagnostic w) -> err.println("WARN[0000] " + w.message()));
    err.flush();
    return p;
  }

  ComposeService.Streams streams(CommandLine cl) {
    PrintWriter err = cl.getErr();
    return new ComposeService.Streams(
        Io.streams(cl, System.in),
        line -> {
          err.println(" " + line);
          err.flush();
        });
  }

  /** A build's progress, each step's stage shown with its service. */
  static EventSink sink(ProgressOptions.Mode mode, PrintWriter err, String service) {
    EventSink inner = ProgressOptions.sink(mode, err);
    return event -> {
      if (event instanceof BuildEvent.StepStarted s) {
        inner.emit(
            new BuildEvent.StepStarted(
                s.step(), service + " " + s.stage(), s.number(), s.total(), s.text(), s.range()));
      } else {
        inner.emit(event);
      }
    };
  }

  /** The shared shape of the subcommands: the parent's options and the store. */
  abstract static class Sub implements Callable<Integer> {
    @ParentCommand ComposeCommand parent;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    Berth berth() throws Exception {
      return parent.store.berth();
    }

    ComposeService.Project project() throws Exception {
      return parent.load(berth());
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    ComposeService.Streams streams() {
      return parent.streams(spec.commandLine());
    }
  }

  @Command(
      name = "config",
      mixinStandardHelpOptions = true,
      description =
          "Prints the resolved model in docker compose's canonical shape: variables interpolated,"
              + " files merged, short syntaxes in long form.")
  static final class Config extends Sub {
    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        defaultValue = "yaml",
        description = "yaml or json.")
    String format;

    @Option(names = "--services", description = "Only the service names.")
    boolean services;

    @Option(names = "--images", description = "Only the image names.")
    boolean images;

    @Option(names = "--profiles", description = "Only the profile names.")
    boolean profiles;

    @Option(
        names = {"-q", "--quiet"},
        description = "Only check the files.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
      ComposeService.ConfigView view =
          quiet
              ? ComposeService.ConfigView.QUIET
              : services
                  ? ComposeService.ConfigView.SERVICES
                  : images
                      ? ComposeService.ConfigView.IMAGES
                      : profiles
                          ? ComposeService.ConfigView.PROFILES
                          : switch (format) {
                            case "json" -> ComposeService.ConfigView.JSON;
                            case "yaml" -> ComposeService.ConfigView.YAML;
                            default ->
                                throw new CommandLine.ParameterException(
                                    spec.commandLine(),
                                    "invalid --format '" + format + "': expected yaml or json");
                          };
      out().print(berth().compose().config(project(), view));
      out().flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "build",
      mixinStandardHelpOptions = true,
      description =
          "Builds every service with a build section (or those named), all at once: steps they"
              + " share run once. Images are named by image:, else PROJECT-SERVICE.")
  static final class Build extends Sub {
    @Mixin ProgressOptions progress;

    @Option(names = "--no-cache", description = "Use no cached step.")
    boolean noCache;

    @Option(names = "--pull", description = "Pull every base image.")
    boolean pull;

    @Option(names = "--push", description = "Push the images after building.")
    boolean push;

    @Option(
        names = "--build-arg",
        converter = Converters.PairOrName.class,
        paramLabel = "KEY=VALUE",
        description = "A build arg for every service; repeatable.")
    List<KeyValue> buildArgs = new ArrayList<>();

    @Parameters(paramLabel = "SERVICE")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      PrintWriter err = spec.commandLine().getErr();
      ProgressOptions.Mode mode = progress.mode();
      List<BuildService.Outcome> built =
          berth()
              .compose()
              .build(
                  project(),
                  services,
                  noCache,
                  pull,
                  push,
                  KeyValue.toMap(buildArgs, System::getenv),
                  s -> sink(mode, err, s));
      for (BuildService.Outcome o : built) {
        o.tags().forEach(t -> err.println(" Image " + t + " Built"));
      }
      err.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "up",
      mixinStandardHelpOptions = true,
      description =
          "Creates and starts the services in dependency order, building missing images; a"
              + " running container of an unchanged service is left running.")
  static final class Up extends Sub {
    @Mixin ProgressOptions progress;

    @Option(
        names = {"-d", "--detach"},
        description = "Return once the containers are started.")
    boolean detach;

    @Option(names = "--build", description = "Build the images first.")
    boolean build;

    @Option(names = "--no-build", description = "Never build; fail for a missing image.")
    boolean noBuild;

    @Option(names = "--force-recreate", description = "Recreate every container.")
    boolean forceRecreate;

    @Option(
        names = "--remove-orphans",
        description = "Remove containers of services no longer in the file.")
    boolean removeOrphans;

    @Option(names = "--wait", description = "Wait until the services run and are healthy.")
    boolean waitReady;

    @Parameters(paramLabel = "SERVICE")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      PrintWriter err = spec.commandLine().getErr();
      ProgressOptions.Mode mode = progress.mode();
      berth()
          .compose()
          .up(
              project(),
              new ComposeService.UpOptions(
                  services, detach, build, noBuild, forceRecreate, removeOrphans, waitReady),
              s -> sink(mode, err, s),
              streams());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "down",
      mixinStandardHelpOptions = true,
      description = "Stops and removes the project's containers and networks.")
  static final class Down extends Sub {
    @Option(
        names = {"-v", "--volumes"},
        description = "Also remove the named volumes the file declares.")
    boolean volumes;

    @Option(names = "--rmi", paramLabel = "local|all", description = "Also remove images.")
    String rmi;

    @Option(names = "--remove-orphans", description = "Accepted: every project container goes.")
    boolean removeOrphans;

    @Override
    public Integer call() throws Exception {
      if (rmi != null && !rmi.equals("local") && !rmi.equals("all")) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "invalid --rmi '" + rmi + "': expected local or all");
      }
      berth().compose().down(project(), volumes, Optional.ofNullable(rmi), streams());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "ps",
      mixinStandardHelpOptions = true,
      description = "Lists the project's containers, with their health where they have a check.")
  static final class Ps extends Sub {
    @Option(
        names = {"-a", "--all"},
        description = "Stopped containers too.")
    boolean all;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json.")
    String format;

    @Override
    public Integer call() throws Exception {
      List<ComposeService.ServiceRow> rows = berth().compose().ps(project(), all);
      if ("json".equals(format)) {
        var json = new ObjectMapper();
        for (ComposeService.ServiceRow r : rows) {
          out()
              .println(
                  json.writeValueAsString(
                      json.createObjectNode()
                          .put("Name", r.name())
                          .put("Image", r.image())
                          .put("Command", r.command())
                          .put("Service", r.service())
                          .put("Status", r.status())
                          .put("Ports", r.ports())));
        }
      } else {
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("NAME", "IMAGE", "COMMAND", "SERVICE", "STATUS", "PORTS"));
        for (ComposeService.ServiceRow r : rows) {
          table.add(
              List.of(
                  r.name(),
                  r.image(),
                  "\"" + r.command() + "\"",
                  r.service(),
                  r.status(),
                  r.ports()));
        }
        Tables.print(out(), table);
      }
      out().flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "logs",
      mixinStandardHelpOptions = true,
      description = "Shows the services' output, each line prefixed with its container's name.")
  static final class Logs extends Sub {
    @Option(
        names = {"-f", "--follow"},
        description = "Keep showing new output until the containers end.")
    boolean follow;

    @Parameters(paramLabel = "SERVICE")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      berth().compose().logs(project(), services, follow, streams());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "exec",
      mixinStandardHelpOptions = true,
      description = "Runs a command in a service's running container.")
  static final class Exec extends Sub {
    @Option(names = "--index", defaultValue = "1", description = "Which container of the service.")
    int index;

    @Option(
        names = {"-T", "--no-TTY"},
        description = "Give the process no terminal (berth gives one only on a terminal).")
    boolean noTty;

    @Option(
        names = {"-d", "--detach"},
        description = "Leave it running and return.")
    boolean detach;

    @Option(
        names = {"-u", "--user"},
        paramLabel = "USER",
        description = "Run as this user.")
    String user;

    @Option(
        names = {"-w", "--workdir"},
        paramLabel = "DIR",
        description = "The working directory.")
    String workdir;

    @Option(
        names = {"-e", "--env"},
        converter = Converters.PairOrName.class,
        paramLabel = "KEY=VALUE",
        description = "Set a variable; repeatable.")
    List<KeyValue> env = new ArrayList<>();

    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      boolean tty = !noTty && Terminals.isTerminal();
      return berth()
          .compose()
          .exec(
              project(),
              service,
              index,
              command,
              KeyValue.toMap(env, System::getenv),
              Optional.ofNullable(user),
              Optional.ofNullable(workdir),
              tty,
              tty,
              detach,
              streams());
    }
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = "Runs a one-off container of a service, attached, and exits with its code.")
  static final class Run extends Sub {
    @Option(names = "--rm", description = "Remove the container when it exits.")
    boolean rm;

    @Option(
        names = {"-T", "--no-TTY"},
        description = "Give the process no terminal.")
    boolean noTty;

    @Option(
        names = {"-e", "--env"},
        converter = Converters.PairOrName.class,
        paramLabel = "KEY=VALUE",
        description = "Set a variable; repeatable.")
    List<KeyValue> env = new ArrayList<>();

    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Parameters(index = "1..*", paramLabel = "COMMAND")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      boolean tty = !noTty && Terminals.isTerminal();
      return berth()
          .compose()
          .run(
              project(),
              service,
              command,
              rm,
              KeyValue.toMap(env, System::getenv),
              tty,
              tty,
              streams());
    }
  }

  /** start, stop and restart differ only in the verb. */
  abstract static class Lifecycle extends Sub {
    @Parameters(paramLabel = "SERVICE")
    List<String> services = new ArrayList<>();

    abstract String verb();

    @Override
    public Integer call() throws Exception {
      berth().compose().lifecycle(project(), verb(), services, streams());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = "Starts the services' containers.")
  static final class Start extends Lifecycle {
    @Override
    String verb() {
      return "start";
    }
  }

  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description = "Stops the services' containers.")
  static final class Stop extends Lifecycle {
    @Override
    String verb() {
      return "stop";
    }
  }

  @Command(
      name = "restart",
      mixinStandardHelpOptions = true,
      description = "Restarts the services' containers.")
  static final class Restart extends Lifecycle {
    @Override
    String verb() {
      return "restart";
    }
  }

  @Command(
      name = "pull",
      mixinStandardHelpOptions = true,
      description = "Pulls the images of services that are not built.")
  static final class Pull extends Sub {
    @Override
    public Integer call() throws Exception {
      PrintWriter err = spec.commandLine().getErr();
      berth().compose().pull(project(), l -> err.println(l));
      err.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "push",
      mixinStandardHelpOptions = true,
      description = "Pushes the images of services that are built.")
  static final class Push extends Sub {
    @Override
    public Integer call() throws Exception {
      PrintWriter err = spec.commandLine().getErr();
      berth().compose().push(project(), l -> err.println(l));
      err.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "images",
      mixinStandardHelpOptions = true,
      description = "Lists the images of the project's containers.")
  static final class Images extends Sub {
    @Override
    public Integer call() throws Exception {
      berth().compose().images(project()).forEach(out()::println);
      out().flush();
      return ExitCodes.OK;
    }
  }
}
