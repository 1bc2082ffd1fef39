package dev.berth.cli;

import dev.berth.app.ArchiveFormat;
import dev.berth.app.BuildFailure;
import dev.berth.app.BuildOptions;
import dev.berth.app.BuildService;
import dev.berth.event.EventSink;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth build}: builds an image from a Dockerfile, without a daemon. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = {
      "Builds an image from a Dockerfile and a context directory, with BuildKit's semantics: only"
          + " the stages the target needs run, and each step is taken from the cache when its"
          + " inputs (instruction, args and env in scope, the content of COPY sources) are"
          + " unchanged.",
      "RUN steps run through crun or runc on overlay snapshots; berth build needs root."
    },
    footer = {
      "",
      "Examples:",
      "  berth build -t app:dev --target app-pre examples/python-poetry",
      "  berth build -t app:1 --build-arg UID=$(id -u) --build-arg GID=$(id -g)"
          + " examples/python-poetry",
      "  berth build --progress plain --no-cache -f build/Dockerfile .",
      "  berth build -q --output type=docker,dest=app.tar . && docker load -i app.tar",
      "",
      "Exit codes: 0 built, 1 a step failed, 2 bad input (Dockerfile, missing COPY source or base"
          + " image)."
    })
final class BuildCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "The Dockerfile (default: CONTEXT/Dockerfile).")
  Path file;

  @Option(
      names = {"-t", "--tag"},
      paramLabel = "NAME[:TAG]",
      description = "Name the image; repeatable.")
  List<String> tags = new ArrayList<>();

  @Option(
      names = "--target",
      paramLabel = "STAGE",
      description = "The stage to build (default: the last).")
  String target;

  @Option(
      names = "--build-arg",
      paramLabel = "NAME[=VALUE]",
      description = "A build arg; repeatable.")
  List<String> buildArgs = new ArrayList<>();

  @Option(names = "--no-cache", description = "Run every step; use no cached result.")
  boolean noCache;

  @Option(
      names = "--progress",
      paramLabel = "MODE",
      defaultValue = "auto",
      description =
          "auto (tty on a terminal, else plain), plain, tty, quiet (only the image ID) or rawjson"
              + " (one JSON object per event, with a timestamp).")
  Progress progress;

  @Option(
      names = {"-q", "--quiet"},
      description = "Same as --progress quiet.")
  boolean quiet;

  @Option(
      names = "--network",
      paramLabel = "MODE",
      description = "host (default) or none, for RUN steps.")
  Network network;

  @Option(
      names = "--label",
      paramLabel = "KEY=VALUE",
      description = "A label for the image; repeatable.")
  List<String> labels = new ArrayList<>();

  @Option(
      names = "--secret",
      paramLabel = "id=ID[,src=FILE|,env=VAR]",
      description = "A secret for RUN --mount=type=secret; never stored in the image. Repeatable.")
  List<String> secrets = new ArrayList<>();

  @Option(
      names = "--explain-cache",
      description =
          "For each step that misses the cache, say which input of its key changed since the"
              + " previous build of that stage: a source file (old and new digest), a build arg or"
              + " env value, the parent layer, or the instruction.")
  boolean explainCache;

  @Option(
      names = "--pull",
      description = "Pull every FROM image from its registry, not only missing ones.")
  boolean pull;

  @Option(names = "--push", description = "Push every tag (-t) to its registry after the build.")
  boolean push;

  @Option(names = "--iidfile", paramLabel = "FILE", description = "Write the image ID to FILE.")
  Path iidfile;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "type=oci|docker,dest=FILE",
      description = "Also write the image as an archive.")
  String output;

  @Parameters(index = "0", paramLabel = "CONTEXT", description = "The build context directory.")
  Path context;

  enum Progress {
    auto,
    plain,
    tty,
    quiet,
    rawjson
  }

  enum Network {
    host,
    none
  }

  @Override
  public Integer call() throws Exception {
    CommandLine cl = spec.commandLine();
    Map<String, String> args = BuildArgs.parse(buildArgs, System::getenv, cl);
    Map<String, String> labelMap = new LinkedHashMap<>();
    for (String l : labels) {
      int eq = l.indexOf('=');
      if (eq <= 0) {
        throw new CommandLine.ParameterException(
            cl, "invalid --label '" + l + "': expected KEY=VALUE");
      }
      labelMap.put(l.substring(0, eq), l.substring(eq + 1));
    }
    BuildOptions options =
        new BuildOptions(
            context,
            Optional.ofNullable(file),
            tags,
            Optional.ofNullable(target),
            args,
            noCache,
            labelMap,
            Optional.ofNullable(network).map(n -> n.name()),
            Optional.ofNullable(iidfile),
            Optional.ofNullable(output).map(o -> parseOutput(o, cl)),
            secrets,
            pull,
            push,
            explainCache);
    PrintWriter err = cl.getErr();
    Progress mode = quiet ? Progress.quiet : progress;
    if (mode == Progress.auto) {
      mode = Terminals.isTerminal() ? Progress.tty : Progress.plain;
    }
    EventSink sink =
        switch (mode) {
          case plain -> new PlainProgress(err);
          case tty -> new TtyProgress(err);
          case rawjson -> new JsonProgress(err);
          default -> EventSink.none();
        };
    Thread builder = Thread.currentThread();
    Interruption interruption = new Interruption(builder);
    Runtime.getRuntime().addShutdownHook(interruption);
    try {
      BuildService.Outcome outcome = BuildService.forCurrentUser().build(options, sink);
      if (mode == Progress.quiet) {
        cl.getOut().println(outcome.imageId());
      } else {
        err.printf(
            "built %s (%d steps, %d cached)%n",
            outcome.imageId(), outcome.steps(), outcome.cached());
        outcome.tags().forEach(t -> err.println("naming to " + t));
        cl.getOut().println(outcome.imageId());
      }
      cl.getOut().flush();
      err.flush();
      return ExitCodes.OK;
    } catch (BuildFailure f) {
      err.println();
      err.println("ERROR: " + f.location() + ": stage " + f.stage() + ": " + f.instruction());
      err.println("  " + f.reason());
      if (!f.lastLines().isEmpty()) {
        err.println("  last output:");
        f.lastLines().forEach(l -> err.println("    " + l));
      }
      err.flush();
      return f.badInput() ? ExitCodes.USAGE : ExitCodes.FAILURE;
    } catch (InterruptedException e) {
      err.println("berth: build interrupted; nothing of the unfinished step was kept");
      err.flush();
      return 130;
    } finally {
      interruption.done();
      try {
        Runtime.getRuntime().removeShutdownHook(interruption);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is exiting because of a signal: the hook is running already.
      }
    }
  }

  private static BuildOptions.Output parseOutput(String spec, CommandLine cl) {
    String type = null;
    String dest = null;
    for (String part : spec.split(",")) {
      int eq = part.indexOf('=');
      String k = eq < 0 ? part : part.substring(0, eq);
      String v = eq < 0 ? "" : part.substring(eq + 1);
      switch (k.trim().toLowerCase(Locale.ROOT)) {
        case "type" -> type = v;
        case "dest" -> dest = v;
        default ->
            throw new CommandLine.ParameterException(
                cl, "invalid --output '" + spec + "': unknown key '" + k + "'");
      }
    }
    if (type == null || dest == null || dest.isEmpty()) {
      throw new CommandLine.ParameterException(
          cl, "invalid --output '" + spec + "': expected type=oci|docker,dest=FILE");
    }
    ArchiveFormat format =
        switch (type) {
          case "oci" -> ArchiveFormat.OCI;
          case "docker" -> ArchiveFormat.DOCKER;
          default ->
              throw new CommandLine.ParameterException(
                  cl, "invalid --output type '" + type + "': expected oci or docker");
        };
    return new BuildOptions.Output(format, Path.of(dest));
  }

  /**
   * On Ctrl-C or kill, interrupts the build and waits for it to unmount and clean up before the JVM
   * exits.
   */
  private static final class Interruption extends Thread {
    private final Thread build;
    private final java.util.concurrent.CountDownLatch finished =
        new java.util.concurrent.CountDownLatch(1);

    Interruption(Thread build) {
      this.build = build;
    }

    /** The build has returned and cleaned up (called from its finally block). */
    void done() {
      finished.countDown();
    }

    @Override
    public void run() {
      if (finished.getCount() == 0) {
        return;
      }
      build.interrupt();
      try {
        finished.await(30, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
