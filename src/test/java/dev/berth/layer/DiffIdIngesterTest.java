package dev.berth.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.diag.BerthException;
import dev.berth.image.BlobErrors;
import dev.berth.image.BlobIngester;
import dev.berth.image.BlobWriter;
import dev.berth.image.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DiffIdIngesterTest {

  /** Keeps a blob only when commit verifies it, as the store does. */
  static final class Memory implements BlobIngester {
    final Map<Digest, byte[]> committed = new ConcurrentHashMap<>();

    @Override
    public BlobWriter writer() {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      return new BlobWriter() {
        @Override
        public OutputStream stream() {
          return buf;
        }

        @Override
        public long size() {
          return buf.size();
        }

        @Override
        public Digest digest() {
          return Digest.sha256(buf.toByteArray());
        }

        @Override
        public Digest commit(long expectedSize, Digest expected) throws BerthException {
          Digest d = digest();
          if ((expectedSize >= 0 && expectedSize != buf.size())
              || (expected != null && !expected.equals(d))) {
            throw BlobErrors.mismatch("expected " + expected + ", got " + d);
          }
          committed.put(d, buf.toByteArray());
          return d;
        }

        @Override
        public void close() {}
      };
    }
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(content);
    }
    return out.toByteArray();
  }

  /** Writes in odd-sized pieces, as a network read would hand them over. */
  private static Digest ingest(DiffIdIngester in, byte[] blob, Digest expected) throws IOException {
    try (BlobWriter w = in.writer()) {
      for (int off = 0; off < blob.length; ) {
        int n = (int) Math.min(blob.length - off, 1 + ((long) off * 7919) % 70_000);
        w.stream().write(blob, off, n);
        off += n;
      }
      return w.commit(blob.length, expected);
    }
  }

  @Test
  void aGzipLayersDiffIdIsTheDigestOfItsContentWorkedOutAsItStreams() throws IOException {
    Memory store = new Memory();
    DiffIdIngester in = new DiffIdIngester(store);
    byte[] content = random(3 << 20, 1);
    byte[] blob = gzip(content);
    Digest stored = ingest(in, blob, Digest.sha256(blob));
    assertThat(store.committed).containsKey(stored);
    assertThat(in.diffId(stored)).contains(Digest.sha256(content));
  }

  @Test
  void severalGzipMembersAreOneLayer() throws IOException {
    byte[] a = random(200_000, 2);
    byte[] b = random(300_000, 3);
    ByteArrayOutputStream blob = new ByteArrayOutputStream();
    blob.write(gzip(a));
    blob.write(gzip(b));
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    content.write(a);
    content.write(b);
    DiffIdIngester in = new DiffIdIngester(new Memory());
    Digest stored = ingest(in, blob.toByteArray(), null);
    assertThat(in.diffId(stored)).contains(Digest.sha256(content.toByteArray()));
  }

  @Test
  void anUncompressedBlobIsItsOwnDiffId() throws IOException {
    DiffIdIngester in = new DiffIdIngester(new Memory());
    byte[] blob = "{\"config\":{}}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Digest stored = ingest(in, blob, null);
    assertThat(in.diffId(stored)).contains(stored);
  }

  @Test
  void aBlobThatDoesNotMatchIsNotStoredAndGetsNoDiffId() throws IOException {
    Memory store = new Memory();
    DiffIdIngester in = new DiffIdIngester(store);
    byte[] blob = gzip(random(1 << 20, 4));
    Digest wanted = Digest.sha256(blob);
    blob[blob.length / 2] ^= 0x5a;
    assertThatThrownBy(() -> ingest(in, blob, wanted)).satisfies(BlobErrors::isMismatch);
    assertThat(store.committed).isEmpty();
    assertThat(in.diffId(wanted)).isEmpty();
  }

  @Test
  void aCorruptGzipStreamIsStoredByItsDigestButGetsNoDiffId() throws IOException {
    // The registry's blob is what it is: its digest matches, only the layer is broken. The caller's
    // check then reads it again and reports it.
    byte[] blob = gzip(random(1 << 20, 5));
    blob[blob.length / 2] ^= 0x5a;
    Memory store = new Memory();
    DiffIdIngester in = new DiffIdIngester(store);
    Digest stored = ingest(in, blob, Digest.sha256(blob));
    assertThat(store.committed).containsKey(stored);
    assertThat(in.diffId(stored)).isEmpty();
  }

  @Test
  void aWriterClosedHalfWayStoresNothing() throws IOException {
    Memory store = new Memory();
    DiffIdIngester in = new DiffIdIngester(store);
    byte[] blob = gzip(random(4 << 20, 6));
    try (BlobWriter w = in.writer()) {
      w.stream().write(blob, 0, blob.length / 2);
    }
    assertThat(store.committed).isEmpty();
    // The ingester is still usable after an abandoned writer.
    Digest stored = ingest(in, blob, null);
    assertThat(in.diffId(stored)).isPresent();
  }
}
