package dev.berth.registry;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs blob transfers on a small bounded pool, dockerd's way: at most {@code threads} at once,
 * results in the order of the tasks. The first failure, whichever task it comes from, cancels the
 * others (interrupting them, so their writers are closed and their partial blobs thrown away),
 * waits until they have ended, and is then rethrown as it was: when {@code run} returns or throws,
 * no transfer of its is still writing.
 */
public final class Parallel {

  /** One transfer. */
  @FunctionalInterface
  public interface Task<T> {
    T run() throws IOException;
  }

  /** How long cancelled transfers get to end before {@code run} gives up waiting for them. */
  private static final long DRAIN_SECONDS = 30;

  private Parallel() {}

  /**
   * @return each task's result, in the order of {@code tasks}
   */
  public static <T> List<T> run(List<? extends Task<T>> tasks, int threads) throws IOException {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
    if (tasks.isEmpty()) {
      return List.of();
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(threads, tasks.size()),
            r -> {
              Thread t = new Thread(r, "berth-transfer");
              t.setDaemon(true);
              return t;
            });
    CompletionService<Indexed<T>> done = new ExecutorCompletionService<>(pool);
    List<Future<Indexed<T>>> futures = new ArrayList<>();
    Object[] results = new Object[tasks.size()];
    try {
      for (int i = 0; i < tasks.size(); i++) {
        int index = i;
        Task<T> task = tasks.get(i);
        futures.add(done.submit(() -> new Indexed<>(index, task.run())));
      }
      for (int left = tasks.size(); left > 0; left--) {
        Future<Indexed<T>> f = done.take();
        try {
          Indexed<T> r = f.get();
          results[r.index()] = r.value();
        } catch (ExecutionException e) {
          stop(pool, futures);
          throw rethrow(e.getCause());
        }
      }
    } catch (InterruptedException e) {
      stop(pool, futures);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while transferring blobs");
    } finally {
      pool.shutdownNow();
    }
    @SuppressWarnings("unchecked")
    List<T> out = (List<T>) Arrays.asList(results);
    return out;
  }

  private record Indexed<T>(int index, T value) {}

  /** Cancels every task and waits for the running ones to notice. */
  private static void stop(ExecutorService pool, List<? extends Future<?>> futures) {
    futures.forEach(f -> f.cancel(true));
    pool.shutdownNow();
    boolean interrupted = false;
    while (true) {
      try {
        pool.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS);
        break;
      } catch (InterruptedException e) {
        interrupted = true; // finish waiting: the callers' cleanup relies on it
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static IOException rethrow(Throwable cause) {
    if (cause instanceof IOException io) {
      return io;
    }
    if (cause instanceof RuntimeException re) {
      throw re;
    }
    if (cause instanceof Error err) {
      throw err;
    }
    return new IOException(cause);
  }
}
