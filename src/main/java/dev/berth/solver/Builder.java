package dev.berth.solver;

import dev.berth.event.BuildEvent;
import dev.berth.event.EventSink;
import dev.berth.image.ContainerConfig;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.History;
import dev.berth.image.ImageConfig;
import dev.berth.image.Manifest;
import dev.berth.image.MediaType;
import dev.berth.image.Platform;
import dev.berth.image.json.ImageJson;
import dev.berth.layer.LayerWriter;
import dev.berth.plan.PlannedStage;
import dev.berth.plan.PlannedStep;
import dev.berth.plan.StageBase;
import dev.berth.plan.op.ConfigOp;
import dev.berth.plan.op.CopyOp;
import dev.berth.plan.op.RunOp;
import dev.berth.plan.op.WorkdirOp;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.NetworkMode;
import dev.berth.runtime.Stdio;
import dev.berth.store.LocalImages;
import dev.berth.store.Store;
import dev.berth.store.StoredImage;
import dev.berth.store.snapshot.Snapshotter;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The solver: builds the plan's stages in order, each step from the cache when its key is known and
 * otherwise by running it, and writes the target stage's image to the store.
 */
public final class Builder {

  private final Store store;
  private final Snapshotter snapshotter;
  private final ContainerRuntime runtime;
  private final EventSink events;

  public Builder(Store store, Snapshotter snapshotter, ContainerRuntime runtime, EventSink events) {
    this.store = store;
    this.snapshotter = snapshotter;
    this.runtime = runtime;
    this.events = events;
  }

  public BuildResult build(BuildRequest request)
      throws BuildFailedException, IOException, InterruptedException {
    return new Run(request).all();
  }

  /** The state of one build. */
  private final class Run {
    final BuildRequest request;
    final StepCache cache = new StepCache(store);
    final Map<Integer, ImageState> results = new ConcurrentHashMap<>();

    /**
     * Steps being computed, by cache key: a second stage with the same step waits for the first.
     */
    final Map<Digest, CompletableFuture<StepCache.Hit>> inflight = new ConcurrentHashMap<>();

    final Instant now;
    final LayerWriter writer;
    final RunExecutor runs;
    final FileSteps files;
    final AtomicInteger step = new AtomicInteger();
    final CacheExplainer explainer = new CacheExplainer(store.layout().root());

    /** The layer steps of the stage this thread builds, for --explain-cache. */
    final ThreadLocal<List<CacheExplainer.StepRecord>> records =
        ThreadLocal.withInitial(ArrayList::new);

    final ThreadLocal<List<CacheExplainer.StepRecord>> previous = ThreadLocal.withInitial(List::of);
    final AtomicInteger cached = new AtomicInteger();

    Run(BuildRequest request) {
      this.request = request;
      this.now = request.sourceDateEpoch().orElse(Instant.now().truncatedTo(ChronoUnit.SECONDS));
      LayerWriter.Options options = LayerWriter.Options.of(MediaType.Compression.GZIP);
      if (request.sourceDateEpoch().isPresent()) {
        options = options.withClamp(request.sourceDateEpoch().get().getEpochSecond());
      }
      this.writer = new LayerWriter(options);
      Optional<NetworkMode> network =
          request.network().map(n -> n.equals("none") ? NetworkMode.NONE : NetworkMode.HOST);
      this.runs =
          new RunExecutor(
              store,
              snapshotter,
              runtime,
              writer,
              network,
              request.context(),
              request.secrets(),
              request.sourceDateEpoch());
      this.files =
          new FileSteps(store, snapshotter, writer, request.context(), request.dockerfile());
    }

    /**
     * Builds the stages, each as soon as the stages it depends on are done, at most as many at once
     * as there are cores; the first failure stops the others.
     */
    BuildResult all() throws BuildFailedException, IOException, InterruptedException {
      List<PlannedStage> stages = request.plan().stages();
      int threads =
          Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), stages.size()));
      ExecutorService pool =
          Executors.newFixedThreadPool(
              threads,
              r -> {
                Thread t = new Thread(r, "berth-stage");
                t.setDaemon(true);
                return t;
              });
      Map<Integer, CompletableFuture<ImageState>> futures = new HashMap<>();
      try {
        for (PlannedStage stage : stages) {
          CompletableFuture<?>[] deps =
              stage.dependsOn().stream()
                  .map(futures::get)
                  .filter(f -> f != null)
                  .toArray(CompletableFuture[]::new);
          CompletableFuture<ImageState> f =
              CompletableFuture.allOf(deps)
                  .thenApplyAsync(
                      v -> {
                        try {
                          ImageState state = stage(stage);
                          results.put(stage.index(), state);
                          return state;
                        } catch (Exception e) {
                          throw new CompletionException(e);
                        }
                      },
                      pool);
          futures.put(stage.index(), f);
        }
        try {
          CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new)).get();
        } catch (ExecutionException e) {
          pool.shutdownNow();
          throw unwrap(e.getCause());
        }
      } finally {
        pool.shutdownNow();
        // Let interrupted steps unmount and clean up before the build returns.
        pool.awaitTermination(60, TimeUnit.SECONDS);
      }
      ImageState target = results.get(request.plan().target());
      return commit(target);
    }

    private Exception unwrapCause(Throwable t) {
      Throwable c = t;
      while ((c instanceof CompletionException || c instanceof ExecutionException)
          && c.getCause() != null) {
        c = c.getCause();
      }
      return c instanceof Exception e ? e : new IOException(c);
    }

    private BuildFailedException unwrap(Throwable t) throws IOException, InterruptedException {
      Exception c = unwrapCause(t);
      if (c instanceof BuildFailedException b) {
        return b;
      }
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

    private ImageState stage(PlannedStage stage)
        throws BuildFailedException, IOException, InterruptedException {
      int total = stage.steps().size() + 1;
      String name = stageName(stage);
      int fromStep = step.incrementAndGet();
      String fromText = "FROM " + baseText(stage.base());
      events.emit(new BuildEvent.StepStarted(fromStep, name, 1, total, fromText, location(stage)));
      long t0 = System.nanoTime();
      ImageState state;
      try {
        state = base(stage);
      } catch (IOException e) {
        events.emit(new BuildEvent.StepFailed(fromStep, e.getMessage()));
        throw new BuildFailedException(
            name, fromText, location(stage), e.getMessage(), -1, List.of(), true);
      }
      events.emit(new BuildEvent.StepDone(fromStep, Duration.ofNanos(System.nanoTime() - t0)));
      String stageId = CacheExplainer.stageId(request.dockerfile(), name);
      records.set(new ArrayList<>());
      previous.set(explainer.previous(stageId));
      boolean cmdSet = false;
      int number = 1;
      for (PlannedStep s : stage.steps()) {
        number++;
        state = step(stage, s, state, number, total, cmdSet);
        if (s.op() instanceof ConfigOp.Cmd) {
          cmdSet = true;
        }
      }
      explainer.save(stageId, records.get());
      return state;
    }

    /** SOURCE_DATE_EPOCH changes what RUN sees and every time in a layer, so it is in every key. */
    private String epochText() {
      return request.sourceDateEpoch().map(t -> "epoch=" + t.getEpochSecond()).orElse("");
    }

    /** {@code builder}, or {@code stage-2} for a stage with no name, as BuildKit shows them. */
    private String stageName(PlannedStage stage) {
      return stage.name().orElse("stage-" + stage.index());
    }

    private String location(PlannedStage stage) {
      return stage.range().file() + ":" + stage.range().startLine();
    }

    private String baseText(StageBase base) {
      if (base instanceof StageBase.Image i) {
        return i.reference();
      }
      if (base instanceof StageBase.Stage s) {
        return s.name();
      }
      return "scratch";
    }

    private ImageState base(PlannedStage stage) throws IOException {
      StageBase base = stage.base();
      if (base instanceof StageBase.Stage s) {
        ImageState parent = results.get(s.index());
        return parent.with(withoutTriggers(parent.config()), parent.key());
      }
      if (base instanceof StageBase.Scratch) {
        ImageConfig scratch = ImageConfig.scratch(Platform.LINUX_AMD64);
        return new ImageState(List.of(), withPath(scratch), CacheKeys.of("scratch", epochText()));
      }
      String ref = ((StageBase.Image) base).reference();
      StoredImage img;
      try {
        img = new LocalImages(store).find(ref);
      } catch (IOException e) {
        throw new IOException(
            "base image "
                + ref
                + " is not in berth's store ("
                + e.getMessage()
                + "); add it with"
                + " berth import or berth load",
            e);
      }
      ImageConfig config = withPath(withoutTriggers(img.config()));
      return new ImageState(
          img.manifest().layers(),
          config,
          CacheKeys.of("image", img.manifestDescriptor().digest().toString(), epochText()));
    }

    private ImageConfig withoutTriggers(ImageConfig c) {
      return c.withConfig(c.config().toBuilder().onBuild(List.of()).build());
    }

    /** BuildKit gives every stage a PATH, in its config too. */
    private ImageConfig withPath(ImageConfig c) {
      if (c.config().envValue("PATH").isPresent()) {
        return c;
      }
      ContainerConfig cc =
          c.config().toBuilder()
              .putEnv("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
              .build();
      return c.withConfig(cc);
    }

    private ImageState step(
        PlannedStage stage, PlannedStep s, ImageState state, int number, int total, boolean cmdSet)
        throws BuildFailedException, IOException, InterruptedException {
      int id = step.incrementAndGet();
      String text = s.text();
      events.emit(
          new BuildEvent.StepStarted(id, stageName(stage), number, total, text, s.location()));
      long t0 = System.nanoTime();
      try {
        ImageState next;
        if (s.op() instanceof ConfigOp c) {
          ImageConfig config = ConfigChanges.apply(state.config(), c, cmdSet);
          config =
              config.withEmptyLayerHistory(History.configOnly(lastCreated(state), s.history(), ""));
          next = state.with(config, CacheKeys.of(state.key().toString(), c.cacheText()));
        } else {
          next = layerStep(s, state, id);
        }
        events.emit(new BuildEvent.StepDone(id, Duration.ofNanos(System.nanoTime() - t0)));
        return next;
      } catch (StepFailedException e) {
        events.emit(new BuildEvent.StepFailed(id, e.getMessage()));
        boolean badInput = e.exitCode() < 0;
        throw new BuildFailedException(
            stageName(stage),
            text,
            s.location(),
            e.getMessage(),
            e.exitCode(),
            e.lastLines(),
            badInput);
      }
    }

    private ImageState layerStep(PlannedStep s, ImageState state, int id)
        throws StepFailedException, IOException, InterruptedException {
      String inputs = "";
      Map<String, String> detail = new TreeMap<>();
      if (s.op() instanceof CopyOp c) {
        inputs = files.inputDigest(c, state, results, detail).toString();
      } else if (s.op() instanceof RunOp r) {
        StringBuilder binds = new StringBuilder();
        for (dev.berth.plan.op.MountRequest m : r.mounts()) {
          if (m.type().equals("bind")) {
            binds.append(files.bindInput(m, results, detail)).append('\n');
          }
        }
        inputs = binds.toString();
      }
      Digest key = CacheKeys.of(state.key().toString(), s.op().cacheText(), inputs);
      CacheExplainer.StepRecord record =
          new CacheExplainer.StepRecord(
              s.text(), state.key().toString(), s.op().cacheText(), detail);
      records.get().add(record);
      Optional<StepCache.Hit> hit = request.noCache() ? Optional.empty() : cache.get(key);
      if (hit.isEmpty() && request.explainCache()) {
        List<CacheExplainer.StepRecord> before = previous.get();
        int i = records.get().size() - 1;
        Optional<CacheExplainer.StepRecord> prev =
            i < before.size() ? Optional.of(before.get(i)) : Optional.empty();
        events.emit(
            new BuildEvent.Note(
                id, "#" + id + " cache miss: " + CacheExplainer.explain(record, prev)));
      }
      if (hit.isPresent()) {
        events.emit(new BuildEvent.StepCached(id));
        cached.incrementAndGet();
        return apply(s, state, hit.get(), key);
      }
      CompletableFuture<StepCache.Hit> mine = new CompletableFuture<>();
      CompletableFuture<StepCache.Hit> running = inflight.putIfAbsent(key, mine);
      if (running != null) {
        // The same step (same key) is running in another stage: use its result.
        try {
          StepCache.Hit shared = running.get();
          events.emit(new BuildEvent.StepCached(id));
          cached.incrementAndGet();
          return apply(s, state, shared, key);
        } catch (ExecutionException e) {
          Exception c = unwrapCause(e);
          if (c instanceof StepFailedException f) {
            throw f;
          }
          throw c instanceof IOException io ? io : new IOException(c);
        }
      }
      try {
        StepCache.Hit result = execute(s, state, id, key);
        mine.complete(result);
        return apply(s, state, result, key);
      } catch (StepFailedException | IOException | InterruptedException | RuntimeException e) {
        mine.completeExceptionally(e);
        throw e;
      } finally {
        inflight.remove(key, mine);
      }
    }

    private StepCache.Hit execute(PlannedStep s, ImageState state, int id, Digest key)
        throws StepFailedException, IOException, InterruptedException {
      Optional<LayerMade> made;
      if (s.op() instanceof RunOp r) {
        made =
            Optional.of(
                runs.run(
                    state,
                    r,
                    results,
                    (channel, line) ->
                        events.emit(
                            new BuildEvent.StepOutput(id, line, channel == Stdio.Channel.STDERR))));
      } else if (s.op() instanceof CopyOp c) {
        made = Optional.of(files.copy(c, state, results));
      } else {
        made = files.workdir((WorkdirOp) s.op(), state);
      }
      StepCache.Hit result =
          new StepCache.Hit(made.map(LayerMade::layer), made.map(LayerMade::diffId), now);
      cache.put(key, result);
      return result;
    }

    private ImageState apply(PlannedStep s, ImageState state, StepCache.Hit hit, Digest key) {
      ImageConfig config = state.config();
      if (s.op() instanceof WorkdirOp w) {
        config = config.withConfig(config.config().toBuilder().workingDir(w.path()).build());
      }
      if (hit.layer().isEmpty()) {
        config =
            config.withEmptyLayerHistory(History.configOnly(lastCreated(state), s.history(), ""));
        return state.with(config, key);
      }
      Instant created = request.sourceDateEpoch().orElse(hit.created());
      config = config.withLayer(hit.diffId().get(), History.layer(created, s.history(), ""));
      return state.withLayer(hit.layer().get(), config, key);
    }

    /** The time of the latest history entry, so config-only steps never make a new image ID. */
    private Instant lastCreated(ImageState state) {
      if (request.sourceDateEpoch().isPresent()) {
        return request.sourceDateEpoch().get();
      }
      List<History> h = state.config().history();
      for (int i = h.size() - 1; i >= 0; i--) {
        if (h.get(i).created().isPresent()) {
          return h.get(i).created().get();
        }
      }
      return state.config().created().orElse(Instant.EPOCH);
    }

    private BuildResult commit(ImageState target) throws IOException {
      ImageConfig config = target.config();
      if (!request.labels().isEmpty()) {
        TreeMap<String, String> labels = new TreeMap<>(config.config().labels());
        labels.putAll(request.labels());
        config = config.withConfig(config.config().toBuilder().labels(labels).build());
      }
      config = config.withCreated(lastCreated(target.with(config, target.key())));
      byte[] configBytes = ImageJson.writeConfig(config);
      store.content().put(configBytes);
      Descriptor configDescriptor = ImageJson.descriptor(MediaType.OCI_CONFIG, configBytes);
      byte[] manifestBytes =
          ImageJson.writeManifest(Manifest.oci(configDescriptor, target.layers()));
      store.content().put(manifestBytes);
      return new BuildResult(
          ImageJson.descriptor(MediaType.OCI_MANIFEST, manifestBytes),
          configDescriptor.digest(),
          step.get(),
          cached.get());
    }
  }
}
