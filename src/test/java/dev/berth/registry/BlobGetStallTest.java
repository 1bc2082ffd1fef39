package dev.berth.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BlobGetStallTest {

  /** Sends some bytes, then nothing, until it is closed. */
  private static final class StallingStream extends InputStream {
    private final CountDownLatch closed = new CountDownLatch(1);
    private int sent;

    @Override
    public int read() throws IOException {
      if (sent < 10) {
        sent++;
        return 'x';
      }
      try {
        closed.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IOException("stream closed");
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int c = read();
      b[off] = (byte) c;
      return 1;
    }

    @Override
    public void close() {
      closed.countDown();
    }
  }

  @Test
  @Timeout(20)
  void aStalledDownloadIsDroppedAfterTheIdleTimeout() throws IOException {
    Descriptor blob = new Descriptor(MediaType.OCI_LAYER, Digest.sha256(new byte[100]), 100);
    TransferListener none =
        new TransferListener() {
          @Override
          public void progress(Digest digest, long done, long total) {}

          @Override
          public void done(Digest digest, long total) {}
        };
    Optional<IOException> result =
        BlobGet.copy(
            new StallingStream(), new ByteArrayOutputStream(), blob, none, Duration.ofMillis(300));
    assertThat(result).isPresent();
    assertThat(result.get()).hasMessageContaining("no data received");
  }
}
