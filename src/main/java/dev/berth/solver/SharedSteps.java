package dev.berth.solver;

import dev.berth.image.Digest;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Steps being computed, by cache key: when two stages reach the same step (same key) at the same
 * time, the second waits for the first and shares its result instead of running it again.
 */
final class SharedSteps {

  /** A step's work. */
  @FunctionalInterface
  interface Work {
    StepCache.Hit run() throws IOException, InterruptedException;
  }

  /** What {@link #compute} gave: the result, and whether another stage computed it. */
  record Outcome(StepCache.Hit hit, boolean shared) {}

  private final Map<Digest, CompletableFuture<StepCache.Hit>> inflight = new ConcurrentHashMap<>();

  Outcome compute(Digest key, Work work) throws IOException, InterruptedException {
    CompletableFuture<StepCache.Hit> mine = new CompletableFuture<>();
    CompletableFuture<StepCache.Hit> running = inflight.putIfAbsent(key, mine);
    if (running != null) {
      try {
        return new Outcome(running.get(), true);
      } catch (ExecutionException e) {
        throw StageScheduler.rethrow(e);
      }
    }
    try {
      StepCache.Hit result = work.run();
      mine.complete(result);
      return new Outcome(result, false);
    } catch (IOException | InterruptedException | RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inflight.remove(key, mine);
    }
  }
}
