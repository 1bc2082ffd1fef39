package dev.berth.solver;

import dev.berth.event.EventSink;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.solver.cache.CacheTransfer;
import dev.berth.store.Store;
import dev.berth.store.snapshot.Snapshotter;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The solver: builds the plan's stages (each as soon as those it depends on are done, at most one
 * per core at once), each step from the cache when its key is known and otherwise by running it,
 * and writes the target stage's image to the store. Builds solved by one solver at the same time
 * (the services of a compose file) share their steps: one that two builds reach at once runs once,
 * and step numbers count across them.
 */
public final class Solver {

  private final Store store;
  private final Snapshotter snapshotter;
  private final ContainerRuntime runtime;
  private final EventSink events;
  private final int parallelism;
  private final SharedSteps shared;
  private final AtomicInteger steps;
  private final CacheTransfer transfer;

  public Solver(
      Store store,
      Snapshotter snapshotter,
      ContainerRuntime runtime,
      EventSink events,
      int parallelism) {
    this(store, snapshotter, runtime, events, parallelism, new CacheTransfer(Optional.empty()));
  }

  /**
   * @param transfer reads and writes the shared caches of {@code --cache-from} and --cache-to
   */
  public Solver(
      Store store,
      Snapshotter snapshotter,
      ContainerRuntime runtime,
      EventSink events,
      int parallelism,
      CacheTransfer transfer) {
    this.transfer = transfer;
    this.store = store;
    this.snapshotter = snapshotter;
    this.runtime = runtime;
    this.events = events;
    this.parallelism = parallelism;
    this.shared = new SharedSteps();
    this.steps = new AtomicInteger();
  }

  private Solver(Solver base, EventSink events) {
    this.store = base.store;
    this.snapshotter = base.snapshotter;
    this.runtime = base.runtime;
    this.events = events;
    this.parallelism = base.parallelism;
    this.shared = base.shared;
    this.steps = base.steps;
    this.transfer = base.transfer;
  }

  /** The same solver (sharing steps in flight) reporting one build's events to {@code events}. */
  public Solver withEvents(EventSink events) {
    return new Solver(this, events);
  }

  /**
   * @throws dev.berth.diag.BerthException for a failed step, located at its instruction, with the
   *     failed command's last lines as details
   */
  public BuildResult solve(BuildRequest request) throws IOException, InterruptedException {
    BuildInputs inputs =
        BuildInputs.open(
            store, request.context(), request.dockerfile(), request.namedDirectories());
    BuildSession session =
        new BuildSession(
            request,
            store,
            snapshotter,
            runtime,
            events,
            inputs,
            shared,
            steps,
            SharedCache.open(request, transfer, store, new StepCache(store), events));
    new StageScheduler(parallelism)
        .run(
            request.plan().stages(),
            stage -> new StageBuilder(session, stage).build(),
            session.results);
    ImageState target = session.results.get(request.plan().target());
    BuildResult result =
        new ImageCommitter(store, session.clock)
            .commit(target, request.labels(), session.steps(), session.cached());
    session.sharedCache.export(request, transfer);
    return result;
  }
}
