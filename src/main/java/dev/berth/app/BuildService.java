package dev.berth.app;

import dev.berth.archive.DockerArchiveWriter;
import dev.berth.archive.ExportedImage;
import dev.berth.archive.OciLayoutWriter;
import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.DockerfileReader;
import dev.berth.event.BuildEvent;
import dev.berth.event.EventSink;
import dev.berth.image.ImageReference;
import dev.berth.image.Platform;
import dev.berth.layer.LayerApplier;
import dev.berth.plan.BuildPlan;
import dev.berth.plan.NamedContexts;
import dev.berth.plan.PlanOptions;
import dev.berth.plan.PlannedStage;
import dev.berth.plan.Planner;
import dev.berth.plan.StageBase;
import dev.berth.runtime.NetworkMode;
import dev.berth.runtime.ProcessExtras;
import dev.berth.solver.BuildRequest;
import dev.berth.solver.BuildResult;
import dev.berth.solver.Solver;
import dev.berth.solver.cache.CacheExport;
import dev.berth.solver.cache.CacheLocation;
import dev.berth.solver.cache.CacheTransfer;
import dev.berth.store.LayerForms;
import dev.berth.store.LocalImages;
import dev.berth.store.Store;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** {@code berth build}: plans the Dockerfile, runs the build, names and exports the result. */
public final class BuildService {

  private final Berth berth;

  BuildService(Berth berth) {
    this.berth = berth;
  }

  /** The result of a build: its image ID and names. */
  public record Outcome(String imageId, List<String> tags, int steps, int cached) {}

  /**
   * @throws BerthException for bad input (located in the Dockerfile where it has a place there) and
   *     for a failed step, located at its instruction with the command's last lines
   */
  public Outcome build(BuildOptions options, EventSink events)
      throws IOException, InterruptedException {
    return buildAll(List.of(options), List.of(events)).get(0);
  }

  /**
   * Builds several images at once with one solver, so a step two of them share (the same cache key,
   * such as the stage both targets start from) runs once. Every Dockerfile is read and planned
   * before anything runs; the first failure stops the others and is thrown.
   *
   * @param events one sink per build, in the same order
   */
  public List<Outcome> buildAll(List<BuildOptions> builds, List<EventSink> events)
      throws IOException, InterruptedException {
    if (builds.size() != events.size()) {
      throw new IllegalArgumentException("one event sink per build");
    }
    List<Path> dockerfiles = new ArrayList<>();
    List<Dockerfile> parsed = new ArrayList<>();
    for (BuildOptions options : builds) {
      Path dockerfile = options.dockerfilePath();
      String text = DockerfileFiles.read(dockerfile);
      if (!Files.isDirectory(options.context())) {
        throw BerthException.invalid("build context " + options.context() + " is not a directory");
      }
      if (options.output().isPresent()) {
        checkOutputDirectory(options.output().get().destination());
      }
      dockerfiles.add(dockerfile);
      parsed.add(DockerfileReader.parse(dockerfile.toString(), text));
    }
    if (!isRoot()) {
      throw BerthException.precondition(
          "berth build needs root for now: RUN steps run on overlay mounts through an OCI runtime");
    }
    try (Store store = berth.openStore()) {
      Solver solver =
          new Solver(
              store,
              berth.snapshotter(store),
              berth.runtime(),
              EventSink.none(),
              berth.parallelism(),
              new CacheTransfer(Optional.of(berth::registryClients)));
      List<Prepared> prepared = new ArrayList<>();
      for (int i = 0; i < builds.size(); i++) {
        prepared.add(
            prepare(store, builds.get(i), dockerfiles.get(i), parsed.get(i), events.get(i)));
      }
      if (prepared.size() == 1) {
        return List.of(finish(store, solver, prepared.get(0)));
      }
      return parallel(store, solver, prepared);
    }
  }

  /** A build planned and checked, ready to solve. */
  private record Prepared(BuildOptions options, BuildRequest request, EventSink events) {}

  private Prepared prepare(
      Store store, BuildOptions options, Path dockerfile, Dockerfile parsed, EventSink events)
      throws IOException {
    // As BuildKit does, a build says what its checks find before it starts.
    new CheckService()
        .buildWarnings(options.context(), dockerfile, options.target(), options.buildArgs())
        .forEach(w -> events.emit(new BuildEvent.Note(w)));
    Optional<Instant> epoch = sourceDateEpoch(options);
    Map<String, byte[]> secrets = secrets(options.secrets());
    LocalImages images = new LocalImages(store);
    PlanOptions planOptions =
        PlanOptions.defaults().withTarget(options.target()).withBuildArgs(options.buildArgs());
    NamedSources named = namedSources(options.extras().namedContexts(), events);
    planOptions =
        planOptions.withNamedContexts(
            new NamedContexts(named.images(), named.directories().keySet()));
    if (options.extras().platform().isPresent()) {
      // Only this machine's platform is accepted (PlatformOption); a variant still reaches
      // TARGETVARIANT.
      Platform p = options.extras().platform().get();
      planOptions = planOptions.withTargetPlatform(p);
    }
    BuildPlan plan = Planner.plan(parsed, planOptions, new StoreBaseConfigs(images));
    if (pullBases(plan, images, options.pull(), events)) {
      // The bases' own ENV and ONBUILD triggers are known now: plan again with them.
      plan = Planner.plan(parsed, planOptions, new StoreBaseConfigs(images));
    }
    plan.warnings().forEach(w -> events.emit(new BuildEvent.Note("warning: " + w.message())));
    for (PlannedStage stage : plan.stages()) {
      if (stage.platform().isPresent() && !stage.platform().get().equals("linux/amd64")) {
        throw BerthException.error(
            "unsupported-platform",
            "FROM --platform="
                + stage.platform().get()
                + ": berth builds only linux/amd64 images for now",
            stage.range());
      }
    }
    return new Prepared(
        options,
        new BuildRequest(
            plan,
            options.context(),
            dockerfile,
            options.noCache(),
            options.labels(),
            epoch,
            options.network().map(BuildService::networkMode),
            secrets,
            options.explainCache(),
            options.cacheFrom().stream().map(BuildService::location).toList(),
            options.cacheTo().stream()
                .map(
                    t ->
                        new CacheExport(
                            location(t.to()),
                            t.maxMode() ? CacheExport.Mode.MAX : CacheExport.Mode.MIN,
                            t.ignoreError(),
                            t.compression()))
                .toList(),
            runExtras(options.extras()),
            named.directories(),
            named.images()),
        events);
  }

  private List<Outcome> parallel(Store store, Solver solver, List<Prepared> prepared)
      throws IOException, InterruptedException {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            prepared.size(),
            r -> {
              Thread t = new Thread(r, "berth-build");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<Outcome>> futures = new ArrayList<>();
      for (Prepared p : prepared) {
        futures.add(pool.submit(() -> finish(store, solver, p)));
      }
      List<Outcome> out = new ArrayList<>();
      for (Future<Outcome> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          pool.shutdownNow();
          Throwable c = e.getCause();
          if (c instanceof IOException io) {
            throw io;
          }
          if (c instanceof InterruptedException ie) {
            throw ie;
          }
          if (c instanceof RuntimeException re) {
            throw re;
          }
          throw new IOException(c);
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(60, TimeUnit.SECONDS);
    }
  }

  private Outcome finish(Store store, Solver solver, Prepared p)
      throws IOException, InterruptedException {
    BuildOptions options = p.options();
    EventSink events = p.events();
    BuildResult result = solver.withEvents(events).solve(p.request());
    for (ImageReference t : options.tags()) {
      store.refs().put(t.toString(), result.manifest());
    }
    String id = result.imageId().toString();
    if (options.push()) {
      RegistryService registry = berth.registries();
      for (ImageReference t : options.tags()) {
        events.emit(new BuildEvent.Note("pushing " + t.familiar()));
        events.emit(
            new BuildEvent.Note(
                registry.push(t.toString(), line -> events.emit(new BuildEvent.Note(line)))));
      }
    }
    if (options.iidfile().isPresent()) {
      Files.writeString(options.iidfile().get(), id, StandardCharsets.UTF_8);
    }
    if (options.output().isPresent()) {
      export(store, result, options.tags(), options.output().get());
    }
    return new Outcome(
        id,
        options.tags().stream().map(ImageReference::familiar).toList(),
        result.steps(),
        result.cached());
  }

  private static CacheLocation location(CacheRef ref) {
    if (ref instanceof CacheRef.Registry r) {
      return new CacheLocation.Registry(r.ref());
    }
    if (ref instanceof CacheRef.Local l) {
      return new CacheLocation.Local(l.dir().toAbsolutePath());
    }
    throw new AssertionError(ref);
  }

  /** Named contexts as the solver reads them: directories and image references, by name. */
  private record NamedSources(Map<String, Path> directories, Map<String, String> images) {}

  /** Checks each named directory and clones each named git repository (or finds it cached). */
  private NamedSources namedSources(Map<String, NamedContext> named, EventSink events)
      throws IOException {
    Map<String, Path> dirs = new LinkedHashMap<>();
    Map<String, String> images = new LinkedHashMap<>();
    for (Map.Entry<String, NamedContext> e : named.entrySet()) {
      String name = e.getKey().toLowerCase(java.util.Locale.ROOT);
      NamedContext c = e.getValue();
      if (c instanceof NamedContext.Image i) {
        images.put(name, i.reference());
      } else if (c instanceof NamedContext.Local l) {
        if (!Files.isDirectory(l.path())) {
          throw BerthException.invalid(
              "--build-context " + name + "=" + l.path() + ": not a directory");
        }
        dirs.put(name, l.path().toAbsolutePath().normalize());
      } else if (c instanceof NamedContext.Git g) {
        try {
          dirs.put(
              name,
              new BuildContexts(berth)
                  .git(g.url(), line -> events.emit(new BuildEvent.Note(line))));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while cloning " + g.url());
        }
      } else {
        throw new AssertionError(c);
      }
    }
    return new NamedSources(dirs, images);
  }

  /**
   * {@code --add-host}, {@code --ulimit} and {@code --shm-size} as every RUN gets them. RUN steps
   * share the host's network (or have none), so {@code host-gateway}, the host as a container sees
   * it, is the host's own loopback address.
   */
  static ProcessExtras runExtras(BuildExtras extras) {
    return new ProcessExtras(
        extras.extraHosts().stream()
            .map(h -> h.resolveGateway("127.0.0.1"))
            .map(h -> new ProcessExtras.HostEntry(h.host(), h.ip()))
            .toList(),
        extras.ulimits().stream()
            .map(u -> new ProcessExtras.Rlimit(u.rlimitType(), u.soft(), u.hard()))
            .toList(),
        extras.shmSize());
  }

  private static NetworkMode networkMode(NetworkRequest n) {
    return switch (n) {
      case HOST -> NetworkMode.HOST;
      case NONE -> NetworkMode.NONE;
    };
  }

  /**
   * Pulls the FROM images the store lacks (all of them with {@code always}) from their registries.
   *
   * @return whether anything was pulled
   */
  private boolean pullBases(BuildPlan plan, LocalImages images, boolean always, EventSink events)
      throws IOException {
    // Each reference with the FROM that first names it, so a failure points there.
    Map<String, SourceRange> refs = new LinkedHashMap<>();
    for (PlannedStage stage : plan.stages()) {
      if (stage.base() instanceof StageBase.Image i) {
        refs.putIfAbsent(i.reference(), stage.range());
      }
    }
    boolean pulled = false;
    RegistryService registry = null;
    for (String ref : refs.keySet()) {
      if (!always) {
        try {
          images.find(ref);
          continue;
        } catch (IOException notInStore) {
          // pull it
        }
      }
      if (registry == null) {
        registry = berth.registries();
      }
      events.emit(new BuildEvent.Note("pulling " + ref));
      try {
        registry.pull(ref, line -> events.emit(new BuildEvent.Note(line)));
        pulled = true;
      } catch (IOException e) {
        throw BerthException.invalid(
                "base image "
                    + ref
                    + " is not in berth's store and cannot be pulled: "
                    + e.getMessage()
                    + " (add it with berth import, berth load or berth pull)",
                e)
            .at(refs.get(ref));
      }
    }
    return pulled;
  }

  /** Reads the secrets' values, once, before anything is built. */
  static Map<String, byte[]> secrets(List<Secret> secrets) throws BerthException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (Secret secret : secrets) {
      if (secret.source() instanceof Secret.Source.File f) {
        try {
          out.put(secret.id(), Files.readAllBytes(f.path()));
        } catch (IOException e) {
          throw BerthException.invalid(
              "--secret " + secret.id() + ": cannot read " + f.path() + ": " + e.getMessage());
        }
      } else if (secret.source() instanceof Secret.Source.Env e) {
        String value = System.getenv(e.variable());
        if (value == null) {
          throw BerthException.invalid(
              "--secret " + secret.id() + ": environment variable " + e.variable() + " is not set");
        }
        out.put(secret.id(), value.getBytes(StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static Optional<Instant> sourceDateEpoch(BuildOptions options) throws BerthException {
    String v = options.buildArgs().get("SOURCE_DATE_EPOCH");
    if (v == null) {
      v = System.getenv("SOURCE_DATE_EPOCH");
    }
    if (v == null || v.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.ofEpochSecond(Long.parseLong(v.trim())));
    } catch (NumberFormatException e) {
      throw BerthException.invalid(
          "SOURCE_DATE_EPOCH must be a whole number of seconds, not '" + v + "'");
    }
  }

  /**
   * The directory an {@code --output} file goes in must exist: berth makes no directories on the
   * host for it (a typo would scatter them anywhere), and says so before the build starts.
   */
  private static void checkOutputDirectory(Path destination) throws BerthException {
    Path parent = destination.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw BerthException.invalid(
          "--output dest="
              + destination
              + ": directory "
              + parent
              + " does not exist (berth creates the file, not its directory)");
    }
  }

  private static void export(
      Store store, BuildResult result, List<ImageReference> tags, Output output)
      throws IOException {
    LayerForms.Outbound leaving =
        new LayerForms(store).outbound(result.manifest(), output.compression());
    ExportedImage img = new ExportedImage(tags, leaving.descriptor(), leaving.manifest());
    Path abs = output.destination().toAbsolutePath();
    Path temp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".partial");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
        if (output.format() == ArchiveFormat.DOCKER) {
          DockerArchiveWriter.write(leaving.blobs(store.content()), List.of(img), out);
        } else {
          OciLayoutWriter.write(leaving.blobs(store.content()), List.of(img), out);
        }
      }
      Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  static boolean isRoot() {
    return LayerApplier.isRoot();
  }
}
