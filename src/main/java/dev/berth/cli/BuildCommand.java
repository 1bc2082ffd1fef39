package dev.berth.cli;

import dev.berth.app.BuildContexts;
import dev.berth.app.BuildExtras;
import dev.berth.app.BuildOptions;
import dev.berth.app.BuildService;
import dev.berth.app.CacheRef;
import dev.berth.app.CacheTo;
import dev.berth.app.CheckService;
import dev.berth.app.ContextSource;
import dev.berth.app.ExtraHost;
import dev.berth.app.NetworkRequest;
import dev.berth.app.Output;
import dev.berth.app.Secret;
import dev.berth.app.Ulimit;
import dev.berth.diag.BerthException;
import dev.berth.image.ImageReference;
import dev.berth.image.Platform;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth build}: builds an image from a Dockerfile, without a daemon. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = {
      "Builds an image from a Dockerfile and a context (a directory, a tar on standard input or a"
          + " git repository), with BuildKit's semantics: only"
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
      "  berth build --check --target app examples/python-poetry",
      "  berth build --cache-to type=registry,ref=reg.example/app:cache,mode=max"
          + " --cache-from reg.example/app:cache -t app:ci .",
      "  cat Dockerfile.dev | berth build -f - -t app:dev .",
      "  berth build -t app:1 - < context.tar.gz",
      "  berth build -t app:1 https://git.example.com/app.git#v1.2:service",
      "  berth build --build-context base=docker-image://alpine:3.20 --build-context src=../lib .",
      "  berth build --add-host db:10.0.0.5 --ulimit nofile=1024:2048 --shm-size 128m .",
      "",
      "Exit codes: 0 built, 1 a step failed, 2 bad input (Dockerfile, missing COPY source or base"
          + " image)."
    })
final class BuildCommand implements Callable<Integer>, StdinFactory.ReadsStdin {

  private InputStream stdin;

  @Override
  public void stdin(InputStream in) {
    this.stdin = in;
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin StoreOptions store;

  @Mixin BuildInputOptions inputs;

  @Mixin ProgressOptions progress;

  @Option(
      names = {"-t", "--tag"},
      paramLabel = "NAME[:TAG]",
      converter = Converters.ImageName.class,
      description = "Name the image; repeatable.")
  List<ImageReference> tags = new ArrayList<>();

  @Option(names = "--no-cache", description = "Run every step; use no cached result.")
  boolean noCache;

  @Option(
      names = "--network",
      paramLabel = "MODE",
      converter = Converters.Network.class,
      description = "host (default) or none, for RUN steps.")
  NetworkRequest network;

  @Option(
      names = "--label",
      paramLabel = "KEY=VALUE",
      converter = Converters.Pair.class,
      description = "A label for the image; repeatable.")
  List<KeyValue> labels = new ArrayList<>();

  @Option(
      names = "--secret",
      paramLabel = "id=ID[,src=FILE|,env=VAR]",
      converter = Converters.SecretSpec.class,
      description = "A secret for RUN --mount=type=secret; never stored in the image. Repeatable.")
  List<Secret> secrets = new ArrayList<>();

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

  @Option(
      names = "--cache-from",
      paramLabel = "type=registry,ref=REF|type=local,src=DIR",
      converter = Converters.CacheFromSpec.class,
      description =
          "A shared build cache to take steps from when the local cache misses (a REF alone is a"
              + " registry); only the manifest is read up front, a layer when its step hits."
              + " Repeatable.")
  List<CacheRef> cacheFrom = new ArrayList<>();

  @Option(
      names = "--cache-to",
      paramLabel = "type=registry,ref=REF|type=local,dest=DIR[,mode=min|max]",
      converter = Converters.CacheToSpec.class,
      description =
          "Write the build's cache records there after the build: mode=min (default) the final"
              + " image's steps, mode=max every stage's; ignore-error=true makes a failed export a"
              + " warning; compression=gzip|zstd|uncompressed (default gzip), compression-level=N,"
              + " force-compression=true. Repeatable.")
  List<CacheTo> cacheTo = new ArrayList<>();

  @Option(names = "--iidfile", paramLabel = "FILE", description = "Write the image ID to FILE.")
  Path iidfile;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "type=oci|docker,dest=FILE",
      converter = Converters.OutputSpec.class,
      description =
          "Also write the image as an archive; its layers are gzip unless compression=zstd or"
              + " compression=uncompressed (compression-level=N; force-compression=true converts"
              + " the base image's layers too).")
  Output output;

  @Option(
      names = "--check",
      description =
          "Check the Dockerfile (BuildKit's build checks and berth's rules, as berth check does),"
              + " print the findings and build nothing; exit 0 clean, 1 findings, 2 bad input.")
  boolean check;

  @Option(
      names = "--build-context",
      paramLabel = "NAME=PATH|docker-image://REF|GIT-URL",
      converter = Converters.BuildContextSpec.class,
      description =
          "A named context (BuildKit's): FROM NAME, COPY --from=NAME and RUN --mount=from=NAME"
              + " read it before any stage or image of that name. Repeatable.")
  List<BuildContextOption> buildContexts = new ArrayList<>();

  @Option(
      names = "--add-host",
      paramLabel = "HOST:IP",
      converter = Converters.AddHost.class,
      description =
          "Add a line to /etc/hosts of RUN steps (HOST=IP too; IP may be host-gateway: RUN steps"
              + " share the host's network, so that is 127.0.0.1). Repeatable.")
  List<ExtraHost> addHosts = new ArrayList<>();

  @Option(
      names = "--ulimit",
      paramLabel = "NAME=SOFT[:HARD]",
      converter = Converters.UlimitSpec.class,
      description =
          "A resource limit of RUN steps, such as nofile=1024:2048 (-1: unlimited). Repeatable.")
  List<Ulimit> ulimits = new ArrayList<>();

  @Option(
      names = "--shm-size",
      paramLabel = "SIZE",
      converter = Converters.Size.class,
      description = "The size of /dev/shm in RUN steps, such as 128m (default 64m).")
  Long shmSize;

  @Option(
      names = "--platform",
      paramLabel = "OS/ARCH[/VARIANT]",
      converter = Converters.HostPlatform.class,
      description =
          "The platform to build for: only this machine's (such as linux/amd64 or"
              + " linux/amd64/v2), since berth has no emulation.")
  Platform platform;

  @Parameters(
      index = "0",
      paramLabel = "CONTEXT",
      converter = Converters.BuildContext.class,
      description =
          "The build context: a directory; - for a tar (plain, gzip, bzip2, xz or zstd) or a lone"
              + " Dockerfile on standard input; or a git repository, URL#REF:SUBDIR"
              + " (https://host/x.git, git@host:x.git, git://, ssh://, file://).")
  ContextSource source;

  private Path context;

  @Override
  public Integer call() throws Exception {
    boolean stdinContext = source instanceof ContextSource.Stdin;
    if (stdinContext && inputs.dockerfile().filter(StdinDockerfile.STDIN::equals).isPresent()) {
      throw BerthException.invalid(
          "cannot read both the build context and the Dockerfile from standard input");
    }
    // Only the process's own stdin can be a terminal; an in-process caller hands a stream.
    if (stdinContext && stdin == System.in && Terminals.isTty(0)) {
      throw BerthException.invalid(
          "-: standard input is a terminal; redirect a context tar or a Dockerfile into it"
              + " (berth build - < ctx.tar.gz)");
    }
    PrintWriter err = spec.commandLine().getErr();
    boolean quietClone = progress.mode() == ProgressOptions.Mode.quiet;
    try (StdinDockerfile file =
            StdinDockerfile.open(stdinContext ? Optional.empty() : inputs.dockerfile(), stdin);
        BuildContexts.Opened opened =
            store
                .berth()
                .contexts()
                .open(
                    source,
                    stdinContext ? inputs.dockerfile() : file.dockerfile(),
                    stdin,
                    line -> {
                      if (!quietClone) {
                        err.println(line);
                        err.flush();
                      }
                    })) {
      context = opened.directory();
      return build(opened.dockerfile());
    }
  }

  private Integer build(Optional<Path> dockerfile) throws Exception {
    CommandLine cl = spec.commandLine();
    if (check) {
      CheckService.CheckOutcome outcome =
          new CheckService()
              .check(
                  CheckService.CheckRequest.build(
                      context, dockerfile, inputs.target(), inputs.buildArgs()));
      cl.getOut().print(outcome.output());
      cl.getOut().flush();
      if (outcome.badInput()) {
        return ExitCodes.USAGE;
      }
      return outcome.failsAt("warning") ? ExitCodes.FAILURE : ExitCodes.OK;
    }
    BuildOptions options =
        new BuildOptions(
            context,
            dockerfile,
            tags,
            inputs.target(),
            inputs.buildArgs(),
            noCache,
            KeyValue.toMap(labels, k -> null),
            Optional.ofNullable(network),
            Optional.ofNullable(iidfile),
            Optional.ofNullable(output),
            secrets,
            pull,
            push,
            explainCache,
            cacheFrom,
            cacheTo,
            new BuildExtras(
                BuildContextOption.toMap(buildContexts),
                addHosts,
                ulimits,
                shmSize == null ? OptionalLong.empty() : OptionalLong.of(shmSize),
                Optional.ofNullable(platform)));
    PrintWriter err = cl.getErr();
    ProgressOptions.Mode mode = progress.mode();
    Interruption interruption = new Interruption(Thread.currentThread());
    Runtime.getRuntime().addShutdownHook(interruption);
    try {
      BuildService.Outcome outcome = store.berth().builds().build(options, progress.sink(err));
      if (mode != ProgressOptions.Mode.quiet) {
        err.printf(
            "built %s (%d steps, %d cached)%n",
            outcome.imageId(), outcome.steps(), outcome.cached());
        outcome.tags().forEach(t -> err.println("naming to " + t));
      }
      cl.getOut().println(outcome.imageId());
      cl.getOut().flush();
      err.flush();
      return ExitCodes.OK;
    } catch (InterruptedException e) {
      err.println("berth: build interrupted; nothing of the unfinished step was kept");
      err.flush();
      return ExitCodes.INTERRUPTED;
    } finally {
      interruption.done();
      try {
        Runtime.getRuntime().removeShutdownHook(interruption);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is exiting because of a signal: the hook is running already.
      }
    }
  }

  /**
   * On Ctrl-C or kill, interrupts the build and waits for it to unmount and clean up before the JVM
   * exits.
   */
  private static final class Interruption extends Thread {
    private final Thread build;
    private final CountDownLatch finished = new CountDownLatch(1);

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
        finished.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
