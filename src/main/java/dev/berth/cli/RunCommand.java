package dev.berth.cli;

import dev.berth.app.RunOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth run}: creates and starts a container. */
@Command(
    name = "run",
    description = {
      "Runs a command in a new container of IMAGE, as docker run does: the image's ENTRYPOINT with"
          + " CMD (or the given command), its ENV, WORKDIR, USER and STOPSIGNAL, on berth's"
          + " default bridge network unless --network says otherwise.",
      "With -d the container keeps running under conmon after berth returns (see ps, logs, exec,"
          + " stop). In the foreground berth shows its output and exits with its exit code; -i"
          + " and -t attach stdin and a terminal. Without --rm the container is kept after it"
          + " exits, as docker keeps it. Needs root."
    },
    footer = {
      "",
      "Examples:",
      "  berth run --rm app:1",
      "  berth run -d --name web -p 127.0.0.1:8080:80 app:1",
      "  berth run --rm -it -u 0 app:dev /bin/bash",
      "  berth run --rm -e GREETING=hi -v $PWD/data:/data:ro -w /data busybox ls",
      "  berth run -d --network mynet --network-alias db -v dbdata:/var/lib/db db:1",
      "",
      "Exit codes: the container's; 1 when it could not be started, 2 for bad input."
    })
final class RunCommand implements Callable<Integer> {

  @Option(names = "--help", usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Mixin StoreOptions store;

  @Mixin ContainerOptions container;

  @Option(
      names = {"-d", "--detach"},
      description = "Run in the background and print the container's ID.")
  boolean detach;

  @Parameters(index = "0", paramLabel = "IMAGE", description = "An image name or ID prefix.")
  String image;

  @Parameters(
      index = "1..*",
      paramLabel = "COMMAND",
      description = "The command and its arguments.")
  List<String> command = new ArrayList<>();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    CommandLine cl = spec.commandLine();
    cl.getOut().flush();
    RunOptions options = container.options(image, command, detach);
    options.privileges().warnings().forEach(cl.getErr()::println);
    cl.getErr().flush();
    return store.berth().containers().run(options, Io.streams(cl, System.in));
  }
}
