package dev.berth.cli;

import dev.berth.app.Mount;
import dev.berth.app.NetworkRequest;
import dev.berth.app.RunOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth run}: runs an image's process. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a command in a new container of IMAGE, as docker run does: the image's ENTRYPOINT with"
          + " CMD (or the given command), its ENV, WORKDIR and USER, with stdin, stdout and stderr"
          + " attached. The exit code is the container's.",
      "Containers are not kept: each runs on a fresh writable snapshot that is removed when it"
          + " exits (so --rm is the only behaviour, accepted for compatibility). Needs root."
    },
    footer = {
      "",
      "Examples:",
      "  berth run --rm app:1",
      "  berth run --rm -it -u 0 app:dev /bin/bash",
      "  berth run --rm -e GREETING=hi -v $PWD/data:/data:ro -w /data busybox ls"
    })
final class RunCommand implements Callable<Integer> {

  @Option(names = "--rm", description = "Remove the container when it exits (always done).")
  boolean rm;

  @Option(
      names = {"-u", "--user"},
      paramLabel = "USER[:GROUP]",
      description = "Run as this user.")
  String user;

  @Mixin StoreOptions store;

  @Option(
      names = {"-e", "--env"},
      converter = Converters.PairOrName.class,
      paramLabel = "KEY=VALUE",
      description = "Set a variable; repeatable.")
  List<KeyValue> env = new ArrayList<>();

  @Option(
      names = {"-w", "--workdir"},
      paramLabel = "DIR",
      description = "The working directory.")
  String workdir;

  @Option(
      names = {"-v", "--volume"},
      converter = Converters.Volume.class,
      paramLabel = "HOST:CONTAINER[:ro]",
      description = "Bind-mount a host path; repeatable.")
  List<Mount> volumes = new ArrayList<>();

  @Option(
      names = "--entrypoint",
      paramLabel = "CMD",
      description = "Replace the image's ENTRYPOINT (\"\" clears it).")
  String entrypoint;

  @Option(
      names = "--network",
      converter = Converters.Network.class,
      paramLabel = "MODE",
      description = "host (default) or none.")
  NetworkRequest network;

  @Option(
      names = {"-i", "--interactive"},
      description = "Keep stdin open (always attached).")
  boolean interactive;

  @Option(
      names = {"-t", "--tty"},
      description = "Give the process a terminal.")
  boolean tty;

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
    spec.commandLine().getOut().flush();
    return store
        .berth()
        .runs()
        .run(
            new RunOptions(
                image,
                command,
                Optional.ofNullable(entrypoint),
                KeyValue.toMap(env, System::getenv),
                Optional.ofNullable(workdir),
                Optional.ofNullable(user),
                volumes,
                Optional.ofNullable(network),
                tty));
  }
}
