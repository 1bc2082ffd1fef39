package dev.berth.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.BlobWriter;
import dev.berth.image.Digest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ParallelTest {

  @Test
  void resultsComeInTheOrderOfTheTasksWhateverOrderTheyFinishIn() throws IOException {
    List<Parallel.Task<Integer>> tasks = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int n = i;
      tasks.add(
          () -> {
            sleep(60 - n * 10); // the last task finishes first
            return n;
          });
    }
    assertThat(Parallel.run(tasks, 3)).containsExactly(0, 1, 2, 3, 4, 5);
  }

  @Test
  void noMoreThanTheLimitRunAtOnce() throws IOException {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    List<Parallel.Task<Void>> tasks = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      tasks.add(
          () -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            sleep(20);
            running.decrementAndGet();
            return null;
          });
    }
    Parallel.run(tasks, 3);
    assertThat(most.get()).isBetween(2, 3);
  }

  @Test
  void theFirstFailureCancelsTheOthersWhoseBlobsAreNotStored() throws Exception {
    MemoryBlobs store = new MemoryBlobs();
    AtomicInteger open = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(2);
    CountDownLatch never = new CountDownLatch(1);
    BerthException failure = new BerthException(ErrorKind.FAILED, "blob 3 broke");
    List<Parallel.Task<Digest>> tasks = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      int n = i;
      // A transfer half done when the failure comes: its writer must be closed, nothing kept.
      tasks.add(
          () -> {
            try (BlobWriter w = store.writer()) {
              open.incrementAndGet();
              w.stream().write(("partial " + n).getBytes(StandardCharsets.UTF_8));
              started.countDown();
              try {
                never.await();
              } catch (InterruptedException e) {
                throw new InterruptedIOException("cancelled");
              } finally {
                open.decrementAndGet();
              }
              return w.commit(-1, null);
            }
          });
    }
    tasks.add(
        () -> {
          try {
            started.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            throw new InterruptedIOException();
          }
          throw failure;
        });

    assertThatThrownBy(() -> Parallel.run(tasks, 3)).isSameAs(failure);
    // By the time run throws, the cancelled transfers have ended and closed their writers.
    assertThat(open.get()).isZero();
    assertThat(store.committed).isEmpty();
  }

  @Test
  void aFailureIsSeenWhileAnEarlierTaskIsStillRunning() {
    CountDownLatch never = new CountDownLatch(1);
    List<Parallel.Task<Void>> tasks =
        List.of(
            () -> {
              try {
                never.await(); // would block a caller that waited for tasks in order
              } catch (InterruptedException e) {
                throw new InterruptedIOException("cancelled");
              }
              return null;
            },
            () -> {
              throw new IOException("second failed");
            });
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> Parallel.run(tasks, 2)).hasMessage("second failed");
    assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(5));
  }

  @Test
  void anEmptyListRunsNothing() throws IOException {
    assertThat(Parallel.<Void>run(List.of(), 3)).isEmpty();
  }

  private static void sleep(long millis) throws InterruptedIOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new InterruptedIOException("interrupted");
    }
  }
}
