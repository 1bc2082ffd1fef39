package dev.berth.cli;

import dev.berth.app.ContainerService;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The commands that act on existing containers, as docker's do. */
final class ContainerCommands {

  private ContainerCommands() {}

  /** Runs {@code action} for each name, printing each as docker does; the first failure last. */
  interface Each {
    void apply(ContainerService s, String ref) throws Exception;
  }

  static int forEach(
      StoreOptions store, CommandLine.Model.CommandSpec spec, List<String> refs, Each action)
      throws Exception {
    ContainerService s = store.berth().containers();
    PrintWriter out = spec.commandLine().getOut();
    Exception first = null;
    for (String ref : refs) {
      try {
        action.apply(s, ref);
        out.println(ref);
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          BerthCommand.report(e, spec.commandLine().getErr());
        }
      }
    }
    out.flush();
    if (first != null) {
      throw first;
    }
    return ExitCodes.OK;
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = "Starts stopped containers; a running one is left as it is.",
      footer = {"", "Examples:", "  berth start web", "  berth start -a job"})
  static final class Start implements Callable<Integer> {
    @Mixin StoreOptions store;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = {"-a", "--attach"},
        description = "Show the container's output and exit with its code.")
    boolean attach;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      if (attach) {
        return store
            .berth()
            .containers()
            .start(containers.get(0), true, Io.streams(spec.commandLine(), System.in));
      }
      return forEach(
          store,
          spec,
          containers,
          (s, ref) -> s.start(ref, false, Io.streams(spec.commandLine(), System.in)));
    }
  }

  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description =
          "Stops running containers: the stop signal, then SIGKILL after the timeout (the"
              + " container's, 10 s unless it was created with --stop-timeout).",
      footer = {"", "Examples:", "  berth stop web", "  berth stop -t 2 web db"})
  static final class Stop implements Callable<Integer> {
    @Mixin StoreOptions store;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = {"-t", "--time"},
        converter = Converters.Seconds.class,
        paramLabel = "SECONDS",
        description = "Seconds to wait before SIGKILL.")
    Duration time;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      return forEach(store, spec, containers, (s, ref) -> s.stop(ref, Optional.ofNullable(time)));
    }
  }

  @Command(
      name = "restart",
      mixinStandardHelpOptions = true,
      description = "Stops and starts containers again.",
      footer = {"", "Examples:", "  berth restart web"})
  static final class Restart implements Callable<Integer> {
    @Mixin StoreOptions store;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = {"-t", "--time"},
        converter = Converters.Seconds.class,
        paramLabel = "SECONDS",
        description = "Seconds to wait before SIGKILL.")
    Duration time;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      return forEach(
          store, spec, containers, (s, ref) -> s.restart(ref, Optional.ofNullable(time)));
    }
  }

  @Command(
      name = "kill",
      mixinStandardHelpOptions = true,
      description = "Sends a signal (SIGKILL unless -s) to running containers.",
      footer = {"", "Examples:", "  berth kill web", "  berth kill -s HUP web"})
  static final class Kill implements Callable<Integer> {
    @Mixin StoreOptions store;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = {"-s", "--signal"},
        paramLabel = "SIGNAL",
        defaultValue = "KILL",
        description = "The signal: a name (TERM, SIGHUP) or a number.")
    String signal;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      return forEach(store, spec, containers, (s, ref) -> s.kill(ref, signal));
    }
  }

  @Command(
      name = "rm",
      mixinStandardHelpOptions = true,
      description =
          "Removes containers: their writable layer, log and record. A running one only with -f,"
              + " which kills it.",
      footer = {"", "Examples:", "  berth rm web", "  berth rm -f $(berth ps -aq)"})
  static final class Rm implements Callable<Integer> {
    @Mixin StoreOptions store;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = {"-f", "--force"},
        description = "Kill a running container first.")
    boolean force;

    @Option(
        names = {"-v", "--volumes"},
        description = "Accepted for docker's sake: berth has no anonymous volumes to remove.")
    boolean volumes;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      return forEach(store, spec, containers, (s, ref) -> s.remove(List.of(ref), force, volumes));
    }
  }

  @Command(
      name = "wait",
      mixinStandardHelpOptions = true,
      description = "Waits for containers to end and prints their exit codes.",
      footer = {"", "Examples:", "  berth wait job"})
  static final class Wait implements Callable<Integer> {
    @Mixin StoreOptions store;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      ContainerService s = store.berth().containers();
      for (String ref : containers) {
        spec.commandLine().getOut().println(s.waitFor(ref));
      }
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "port",
      mixinStandardHelpOptions = true,
      description = "Lists a container's published ports.",
      footer = {"", "Examples:", "  berth port web"})
  static final class Port implements Callable<Integer> {
    @Mixin StoreOptions store;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Override
    public Integer call() throws Exception {
      store.berth().containers().ports(container).forEach(spec.commandLine().getOut()::println);
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "logs",
      mixinStandardHelpOptions = true,
      description = "Shows a container's output (stdout and stderr, each to its own stream).",
      footer = {"", "Examples:", "  berth logs web", "  berth logs -f --tail 20 web"})
  static final class Logs implements Callable<Integer> {
    @Mixin StoreOptions store;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = {"-f", "--follow"},
        description = "Keep showing new output until the container ends.")
    boolean follow;

    @Option(
        names = {"-n", "--tail"},
        paramLabel = "N",
        description = "Only the last N lines (default: all).")
    String tail;

    @Option(
        names = {"-t", "--timestamps"},
        description = "Show when each line was written.")
    boolean timestamps;

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Override
    public Integer call() throws Exception {
      Optional<Integer> n = Optional.empty();
      if (tail != null && !tail.equals("all")) {
        try {
          n = Optional.of(Integer.parseInt(tail));
        } catch (NumberFormatException e) {
          throw new CommandLine.ParameterException(
              spec.commandLine(), "invalid --tail '" + tail + "': expected a number or all");
        }
      }
      store
          .berth()
          .containers()
          .logs(container, follow, n, timestamps, Io.streams(spec.commandLine(), System.in));
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "exec",
      mixinStandardHelpOptions = true,
      description =
          "Runs a command in a running container, in its namespaces, with its environment, user"
              + " and working directory unless given.",
      footer = {
        "",
        "Examples:",
        "  berth exec web cat /etc/hostname",
        "  berth exec -it -u 0 web sh",
        "  berth exec -d web touch /tmp/marker"
      })
  static final class Exec implements Callable<Integer> {
    @Mixin StoreOptions store;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = {"-i", "--interactive"},
        description = "Keep stdin open.")
    boolean interactive;

    @Option(
        names = {"-t", "--tty"},
        description = "Give the process a terminal.")
    boolean tty;

    @Option(
        names = {"-d", "--detach"},
        description = "Leave the process running and return at once.")
    boolean detach;

    @Option(
        names = {"-u", "--user"},
        paramLabel = "USER[:GROUP]",
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

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      return store
          .berth()
          .containers()
          .exec(
              new ContainerService.ExecOptions(
                  container,
                  command,
                  KeyValue.toMap(env, System::getenv),
                  Optional.ofNullable(user),
                  Optional.ofNullable(workdir),
                  interactive,
                  tty,
                  detach),
              Io.streams(spec.commandLine(), System.in));
    }
  }

  /** {@code berth container}: the hidden plumbing conmon calls when a container ends. */
  @Command(
      name = "container",
      hidden = true,
      description = "Container plumbing.",
      subcommands = {ContainerCommands.Cleanup.class})
  static final class Group implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }

  @Command(name = "cleanup", description = "Takes an ended container down (conmon's exit command).")
  static final class Cleanup implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    public Integer call() throws Exception {
      store.berth().containers().cleanup(id);
      return ExitCodes.OK;
    }
  }
}
