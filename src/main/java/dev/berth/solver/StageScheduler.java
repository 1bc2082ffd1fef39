package dev.berth.solver;

import dev.berth.plan.PlannedStage;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task for every stage as soon as the stages it depends on are done, at most {@code
 * parallelism} at once; the first failure stops the others and is rethrown as it was.
 */
final class StageScheduler {

  /** The work for one stage; it may read the results of the stages it depends on. */
  @FunctionalInterface
  interface StageTask {
    ImageState build(PlannedStage stage) throws IOException, InterruptedException;
  }

  private final int parallelism;

  StageScheduler(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
    }
    this.parallelism = parallelism;
  }

  /**
   * Builds every stage, in an order where each comes after those it depends on.
   *
   * @param results where each stage's result goes as soon as it is done, so later stages see it
   */
  void run(List<PlannedStage> stages, StageTask task, Map<Integer, ImageState> results)
      throws IOException, InterruptedException {
    int threads = Math.max(1, Math.min(parallelism, stages.size()));
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
                .filter(Objects::nonNull)
                .toArray(CompletableFuture[]::new);
        CompletableFuture<ImageState> f =
            CompletableFuture.allOf(deps)
                .thenApplyAsync(
                    v -> {
                      try {
                        ImageState state = task.build(stage);
                        results.put(stage.index(), state);
                        return state;
                      } catch (IOException | InterruptedException | RuntimeException e) {
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
        throw rethrow(e);
      }
    } finally {
      pool.shutdownNow();
      // Let interrupted steps unmount and clean up before the build returns.
      pool.awaitTermination(60, TimeUnit.SECONDS);
    }
  }

  /** A fresh map for {@link #run}'s results, safe for the stage threads. */
  static Map<Integer, ImageState> resultMap() {
    return new ConcurrentHashMap<>();
  }

  /** The failure that stopped the work, unwrapped from the futures around it. */
  static IOException rethrow(Throwable t) throws InterruptedException {
    Throwable c = cause(t);
    if (c instanceof IOException io) {
      return io;
    }
    if (c instanceof InterruptedException ie) {
      throw ie;
    }
    if (c instanceof RuntimeException re) {
      throw re;
    }
    if (c instanceof Error err) {
      throw err;
    }
    return new IOException(c);
  }

  static Throwable cause(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }
}
