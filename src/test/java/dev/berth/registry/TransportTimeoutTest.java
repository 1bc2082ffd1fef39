package dev.berth.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How long a request waits on a registry that is not there: a refused connection fails at once with
 * no retry, and one that accepts but never answers fails when the request's deadline passes, not
 * after a full timeout per attempt.
 */
class TransportTimeoutTest {

  private static final Descriptor BLOB =
      new Descriptor("application/octet-stream", Digest.sha256(new byte[] {1}), 1);

  private final List<Socket> accepted = new ArrayList<>();
  private ServerSocket silent;

  @AfterEach
  void close() throws IOException {
    for (Socket s : accepted) {
      s.close();
    }
    if (silent != null) {
      silent.close();
    }
  }

  private static Registries registries(RegistryOptions options, AtomicInteger pauses) {
    return new Registries(r -> Optional.empty(), options, d -> pauses.incrementAndGet());
  }

  @Test
  @Timeout(20)
  void aRefusedConnectionFailsAtOnceWithoutRetrying() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    AtomicInteger pauses = new AtomicInteger();
    RegistryClient client =
        registries(RegistryOptions.defaults(), pauses).client("127.0.0.1:" + port, "app", false);
    assertThatThrownBy(() -> client.fetchBlob(BLOB, new MemoryBlobs(), TransferListener.none()))
        .isInstanceOfSatisfying(
            BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE))
        .hasMessageContaining("cannot reach http://127.0.0.1:" + port)
        .hasMessageContaining("connection refused")
        .hasMessageNotContaining("attempts");
    assertThat(pauses).hasValue(0);
  }

  @Test
  @Timeout(30)
  void aRegistryThatNeverAnswersIsGivenUpOnAtTheDeadline() throws IOException {
    silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor =
        new Thread(
            () -> {
              try {
                while (true) {
                  Socket s = silent.accept();
                  synchronized (accepted) {
                    accepted.add(s);
                  }
                }
              } catch (IOException closed) {
                // the test is over
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
    AtomicInteger pauses = new AtomicInteger();
    RegistryOptions options =
        RegistryOptions.defaults()
            .withRetry(new RetryPolicy(5, Duration.ofMillis(1), Duration.ofMillis(1)))
            .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(1500));
    RegistryClient client =
        registries(options, pauses).client("127.0.0.1:" + silent.getLocalPort(), "app", false);
    long started = System.nanoTime();
    assertThatThrownBy(() -> client.fetchBlob(BLOB, new MemoryBlobs(), TransferListener.none()))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining("no answer within 1500ms")
        .hasMessageContaining("BERTH_REGISTRY_TIMEOUT");
    // One wait for the whole deadline, not one per attempt (5 x 1.5 s).
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(7));
    assertThat(pauses).hasValue(0);
  }
}
