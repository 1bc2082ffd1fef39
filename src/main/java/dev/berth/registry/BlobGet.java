package dev.berth.registry;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.BlobErrors;
import dev.berth.image.BlobIngester;
import dev.berth.image.BlobWriter;
import dev.berth.image.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code GET /v2/<name>/blobs/<digest>}: streams a blob into an ingester and commits it only when
 * its size and digest match the descriptor. A connection that drops mid-blob, or content that does
 * not match, starts the blob again from the beginning in a fresh writer; the partial one is thrown
 * away, so nothing unverified is ever stored.
 */
final class BlobGet {

  private BlobGet() {}

  static void fetch(
      Transport t,
      String repository,
      Descriptor blob,
      BlobIngester into,
      TransferListener listener,
      List<String> scopes)
      throws IOException {
    Step step = new Step("pull blob", t.registry(), repository, blob.digest().toString());
    RetryPolicy retry = t.retry();
    for (int attempt = 1; ; attempt++) {
      HttpResponse<InputStream> resp =
          t.send(
              new Transport.Request(
                  "GET",
                  t.uri("/v2/" + repository + "/blobs/" + blob.digest()),
                  Map.of(),
                  HttpRequest.BodyPublishers::noBody,
                  scopes,
                  step));
      if (resp.statusCode() != 200) {
        throw Transport.failure(step, resp);
      }
      String problem;
      IOException cause;
      try (BlobWriter w = into.writer();
          InputStream in = resp.body()) {
        Optional<IOException> dropped = copy(in, w.stream(), blob, listener);
        if (dropped.isEmpty()) {
          try {
            w.commit(blob.size(), blob.digest());
            listener.done(blob.digest(), blob.size());
            return;
          } catch (BerthException e) {
            if (!BlobErrors.isMismatch(e)) {
              throw e;
            }
            problem = "the content does not match its descriptor: " + e.getMessage();
            cause = e;
          }
        } else {
          cause = dropped.get();
          problem =
              "the connection dropped after "
                  + w.size()
                  + " of "
                  + blob.size()
                  + " bytes ("
                  + cause.getMessage()
                  + ")";
        }
      }
      if (!retry.mayRetry(attempt)) {
        boolean mismatch = BlobErrors.isMismatch(cause);
        throw new BerthException(
            mismatch ? ErrorKind.FAILED : ErrorKind.UNAVAILABLE,
            mismatch ? "DIGEST_INVALID" : "",
            step.describe() + ": " + problem + ", after " + attempt + " attempts",
            cause);
      }
      try {
        t.sleeper().sleep(retry.delay(attempt, Optional.empty()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException(step.describe() + ": interrupted");
      }
    }
  }

  /**
   * Copies at most one byte more than the blob's size (so an over-long answer shows as a mismatch).
   * Read failures are the network's and are returned; write failures are the store's and are
   * thrown.
   */
  private static Optional<IOException> copy(
      InputStream in, OutputStream out, Descriptor blob, TransferListener listener)
      throws IOException {
    return copy(in, out, blob, listener, IDLE_TIMEOUT);
  }

  /**
   * How long a blob download may go without receiving a byte before its connection is dropped and
   * retried: the HTTP client's timeout covers only the wait for headers, and a stalled body would
   * otherwise block forever. {@code BERTH_REGISTRY_IDLE_TIMEOUT} (seconds) overrides it.
   */
  static final Duration IDLE_TIMEOUT =
      Duration.ofSeconds(idleSeconds(System.getenv("BERTH_REGISTRY_IDLE_TIMEOUT")));

  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "berth-download-watchdog");
            t.setDaemon(true);
            return t;
          });

  static long idleSeconds(String value) {
    try {
      long v = value == null ? 60 : Long.parseLong(value.trim());
      return v > 0 ? v : 60;
    } catch (NumberFormatException e) {
      return 60;
    }
  }

  static Optional<IOException> copy(
      InputStream in, OutputStream out, Descriptor blob, TransferListener listener, Duration idle)
      throws IOException {
    byte[] buf = new byte[128 * 1024];
    long done = 0;
    long limit = blob.size() + 1;
    listener.progress(blob.digest(), 0, blob.size());
    AtomicLong lastRead = new AtomicLong(System.nanoTime());
    AtomicBoolean stalled = new AtomicBoolean();
    long checkMillis = Math.max(50, Math.min(1000, idle.toMillis() / 4));
    ScheduledFuture<?> watchdog =
        WATCHDOG.scheduleAtFixedRate(
            () -> {
              if (System.nanoTime() - lastRead.get() > idle.toNanos()
                  && stalled.compareAndSet(false, true)) {
                try {
                  in.close();
                } catch (IOException ignored) {
                  // The read it unblocks reports the stall.
                }
              }
            },
            checkMillis,
            checkMillis,
            TimeUnit.MILLISECONDS);
    try {
      while (done < limit) {
        int n;
        try {
          n = in.read(buf, 0, (int) Math.min(buf.length, limit - done));
        } catch (IOException e) {
          return Optional.of(stalled.get() ? stall(idle) : e);
        }
        if (stalled.get()) {
          return Optional.of(stall(idle));
        }
        if (n < 0) {
          break;
        }
        lastRead.set(System.nanoTime());
        out.write(buf, 0, n);
        done += n;
        listener.progress(blob.digest(), done, blob.size());
      }
      return Optional.empty();
    } finally {
      watchdog.cancel(false);
    }
  }

  private static IOException stall(Duration idle) {
    return new IOException("no data received for " + idle.toSeconds() + " s");
  }
}
