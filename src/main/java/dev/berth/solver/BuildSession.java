package dev.berth.solver;

import dev.berth.event.EventSink;
import dev.berth.image.MediaType;
import dev.berth.layer.LayerWriter;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.store.Store;
import dev.berth.store.snapshot.Snapshotter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the stages of one build share: the request, the store and its step cache, the shared caches
 * it imports from and exports to, the results of finished stages, the steps in flight, the step
 * executors and the step counters.
 */
final class BuildSession {

  final BuildRequest request;
  final Store store;
  final Snapshotter snapshotter;
  final EventSink events;
  final BuildClock clock;
  final StepCache cache;
  final SharedCache sharedCache;
  final SharedSteps shared;
  final CacheExplainer explainer;
  final Map<Integer, ImageState> results = StageScheduler.resultMap();
  final CopyInputs copyInputs;
  final CopyStep copies;
  final WorkdirStep workdirs;
  final RunStep runs;
  private final AtomicInteger steps;
  private final AtomicInteger ownSteps = new AtomicInteger();
  private final AtomicInteger cached = new AtomicInteger();

  BuildSession(
      BuildRequest request,
      Store store,
      Snapshotter snapshotter,
      ContainerRuntime runtime,
      EventSink events,
      BuildInputs inputs,
      SharedSteps shared,
      AtomicInteger steps,
      SharedCache sharedCache) {
    this.request = request;
    this.sharedCache = sharedCache;
    this.shared = shared;
    this.steps = steps;

    this.store = store;
    this.snapshotter = snapshotter;
    this.events = events;
    this.clock = BuildClock.of(request.sourceDateEpoch());
    this.cache = new StepCache(store);
    this.explainer = new CacheExplainer(store.layout().explain());
    // Kept uncompressed: the cheapest to write and to unpack; compressed only when the image
    // leaves the store (store.LayerForms).
    LayerWriter.Options options = LayerWriter.Options.of(MediaType.Compression.NONE);
    if (request.sourceDateEpoch().isPresent()) {
      options = options.withClamp(request.sourceDateEpoch().get().getEpochSecond());
    }
    LayerFiles layers = new LayerFiles(store, new LayerWriter(options));
    Downloads downloads = new Downloads(store);
    this.copyInputs = new CopyInputs(store, inputs, downloads, request.namedImages());
    this.copies = new CopyStep(store, snapshotter, layers, inputs, downloads);
    this.workdirs = new WorkdirStep(store, snapshotter, layers);
    this.runs =
        new RunStep(
            store,
            snapshotter,
            runtime,
            layers,
            request.network(),
            new RunMounts.Sources(
                inputs.context(), request.namedDirectories(), request.namedImages()),
            request.secrets(),
            request.sourceDateEpoch(),
            request.runExtras());
  }

  /** The number of the next step, counted over the whole build as progress shows it. */
  int nextStep() {
    ownSteps.incrementAndGet();
    return steps.incrementAndGet();
  }

  void countCached() {
    cached.incrementAndGet();
  }

  /** The steps this build counted (others solved at the same time count on the same numbers). */
  int steps() {
    return ownSteps.get();
  }

  int cached() {
    return cached.get();
  }
}
