package dev.berth.solver;

import dev.berth.event.EventSink;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.store.Store;
import dev.berth.store.snapshot.Snapshotter;
import java.io.IOException;

/**
 * The solver: builds the plan's stages (each as soon as those it depends on are done, at most one
 * per core at once), each step from the cache when its key is known and otherwise by running it,
 * and writes the target stage's image to the store.
 */
public final class Solver {

  private final Store store;
  private final Snapshotter snapshotter;
  private final ContainerRuntime runtime;
  private final EventSink events;
  private final int parallelism;

  public Solver(
      Store store,
      Snapshotter snapshotter,
      ContainerRuntime runtime,
      EventSink events,
      int parallelism) {
    this.store = store;
    this.snapshotter = snapshotter;
    this.runtime = runtime;
    this.events = events;
    this.parallelism = parallelism;
  }

  /**
   * @throws dev.berth.diag.BerthException for a failed step, located at its instruction, with the
   *     failed command's last lines as details
   */
  public BuildResult solve(BuildRequest request) throws IOException, InterruptedException {
    BuildInputs inputs = BuildInputs.open(store, request.context(), request.dockerfile());
    BuildSession session = new BuildSession(request, store, snapshotter, runtime, events, inputs);
    new StageScheduler(parallelism)
        .run(
            request.plan().stages(),
            stage -> new StageBuilder(session, stage).build(),
            session.results);
    ImageState target = session.results.get(request.plan().target());
    return new ImageCommitter(store, session.clock)
        .commit(target, request.labels(), session.steps(), session.cached());
  }
}
