package dev.berth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.app.DevContainerService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code berth dev}: dev containers from devcontainer.json, as the devcontainers CLI makes them.
 */
@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description = {
      "Dev containers from .devcontainer/devcontainer.json (or .devcontainer.json, or"
          + " .devcontainer/NAME/devcontainer.json), following the Development Containers"
          + " Specification: the image built or pulled, its Features installed, the remote user's"
          + " UID mapped to yours, the workspace mounted, the lifecycle hooks run."
    },
    subcommands = {
      DevCommand.Up.class,
      DevCommand.Exec.class,
      DevCommand.Down.class,
      DevCommand.Build.class,
      DevCommand.ReadConfiguration.class,
      DevCommand.Logs.class
    },
    footer = {
      "",
      "Examples:",
      "  berth dev up",
      "  berth dev exec pytest",
      "  berth dev down --remove"
    })
final class DevCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin StoreOptions store;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** What every dev subcommand takes: which workspace and which config. */
  static final class Target {
    @Option(
        names = "--workspace-folder",
        paramLabel = "DIR",
        description = "The workspace (default: the current folder).")
    Path workspaceFolder;

    @Option(names = "--config", paramLabel = "FILE", description = "The devcontainer.json to use.")
    Path config;

    @Option(
        names = "--id-label",
        converter = Converters.Pair.class,
        paramLabel = "KEY=VALUE",
        description = "Labels that identify the dev container; repeatable.")
    List<KeyValue> idLabels = new ArrayList<>();
  }

  abstract static class Sub implements Callable<Integer> {
    @ParentCommand DevCommand parent;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin Target target;

    DevContainerService.DevRequest request(
        boolean removeExisting, boolean noCache, boolean skipPostCreate, boolean skipPostAttach) {
      return new DevContainerService.DevRequest(
          target.workspaceFolder == null ? Path.of("").toAbsolutePath() : target.workspaceFolder,
          Optional.ofNullable(target.config),
          KeyValue.toMap(target.idLabels, k -> null),
          removeExisting,
          noCache,
          skipPostCreate,
          skipPostAttach);
    }

    DevContainerService service() throws Exception {
      return parent.store.berth().devContainers();
    }

    Consumer<String> progress() {
      PrintWriter err = spec.commandLine().getErr();
      return line -> {
        err.println(line);
        err.flush();
      };
    }
  }

  @Command(
      name = "up",
      mixinStandardHelpOptions = true,
      description =
          "Builds or pulls the image, creates the dev container (or reuses it, unless its"
              + " config changed), runs the lifecycle hooks, and prints the result as JSON.")
  static final class Up extends Sub {
    @Option(names = "--remove-existing-container", description = "Make the container anew.")
    boolean removeExisting;

    @Option(names = "--build-no-cache", description = "Build the image with no cached step.")
    boolean noCache;

    @Option(names = "--skip-post-create", description = "Do not run the create hooks.")
    boolean skipPostCreate;

    @Option(names = "--skip-post-attach", description = "Do not run postAttachCommand.")
    boolean skipPostAttach;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      try {
        DevContainerService.UpResult r =
            service()
                .up(request(removeExisting, noCache, skipPostCreate, skipPostAttach), progress());
        out.println(r.json());
        out.flush();
        return ExitCodes.OK;
      } catch (Exception e) {
        out.println(DevContainerService.UpResult.error(e.getMessage()));
        out.flush();
        throw e;
      }
    }
  }

  @Command(
      name = "exec",
      mixinStandardHelpOptions = true,
      description =
          "Runs a command in the dev container as its remote user, in its workspace folder, with"
              + " remoteEnv and the user's login environment; with a terminal when stdin is one.")
  static final class Exec extends Sub {
    @Parameters(arity = "1..*", paramLabel = "COMMAND")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      return service()
          .exec(
              request(false, false, false, false),
              command,
              Terminals.isTerminal(),
              Io.streams(spec.commandLine(), System.in));
    }
  }

  @Command(
      name = "down",
      mixinStandardHelpOptions = true,
      description = "Stops the dev container, and with --remove removes it.")
  static final class Down extends Sub {
    @Option(names = "--remove", description = "Remove the container too.")
    boolean remove;

    @Override
    public Integer call() throws Exception {
      Optional<String> name = service().down(request(false, false, false, false), remove);
      spec.commandLine()
          .getErr()
          .println(
              name.map(n -> (remove ? "Removed " : "Stopped ") + n).orElse("No dev container"));
      spec.commandLine().getErr().flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "build",
      mixinStandardHelpOptions = true,
      description = "Builds the dev container's image, with its Features and metadata label.")
  static final class Build extends Sub {
    @Option(names = "--image-name", paramLabel = "NAME", description = "Name the image.")
    String imageName;

    @Option(names = "--push", description = "Push it (needs --image-name).")
    boolean push;

    @Option(names = "--no-cache", description = "Build with no cached step.")
    boolean noCache;

    @Override
    public Integer call() throws Exception {
      String image =
          service()
              .build(
                  request(false, noCache, false, false),
                  Optional.ofNullable(imageName),
                  push,
                  progress());
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          new ObjectMapper()
              .createObjectNode()
              .put("outcome", "success")
              .putPOJO("imageName", List.of(image))
              .toString());
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "read-configuration",
      mixinStandardHelpOptions = true,
      description = "Prints the configuration after variable substitution, as JSON.")
  static final class ReadConfiguration extends Sub {
    @Option(names = "--include-merged-configuration", description = "With the metadata merged.")
    boolean merged;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          service().readConfiguration(request(false, false, false, false), merged, progress()));
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "logs",
      mixinStandardHelpOptions = true,
      description = "Shows what the lifecycle hooks wrote, with when each started and ended.")
  static final class Logs extends Sub {
    @Override
    public Integer call() throws Exception {
      spec.commandLine().getOut().print(service().logs(request(false, false, false, false)));
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }
}
