package dev.berth.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.BlobErrors;
import dev.berth.image.BlobWriter;
import dev.berth.image.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentStoreTest {

  @TempDir Path root;
  Store store;
  ContentStore content;

  @BeforeEach
  void open() throws IOException {
    store = Store.open(root);
    content = store.content();
  }

  @AfterEach
  void close() throws IOException {
    store.close();
  }

  @Test
  void put_storesUnderDigest_andReadsBack() throws IOException {
    byte[] data = "hello".getBytes(UTF_8);
    Digest d = content.put(data);
    assertThat(d).isEqualTo(Digest.sha256(data));
    assertThat(root.resolve("blobs/sha256/" + d.hex())).hasBinaryContent(data);
    assertThat(content.readAll(d)).isEqualTo(data);
    assertThat(content.size(d)).contains(5L);
    assertThat(content.info(d).orElseThrow().size()).isEqualTo(5);
  }

  @Test
  void writer_isInvisibleUntilCommit() throws IOException {
    byte[] data = "streamed content".getBytes(UTF_8);
    Digest expected = Digest.sha256(data);
    try (BlobWriter w = content.writer()) {
      w.stream().write(data, 0, 8);
      assertThat(w.size()).isEqualTo(8);
      assertThat(content.exists(expected)).isFalse();
      w.stream().write(data, 8, data.length - 8);
      assertThat(w.digest()).isEqualTo(expected);
      assertThat(w.commit(data.length, expected)).isEqualTo(expected);
    }
    assertThat(content.readAll(expected)).isEqualTo(data);
    assertThat(sessionFiles()).isEmpty();
  }

  @Test
  void commit_wrongDigest_throwsMismatch_andLeavesNothing() throws IOException {
    Digest other = Digest.sha256("other".getBytes(UTF_8));
    BlobWriter w = content.writer();
    w.stream().write("data".getBytes(UTF_8));
    assertThatThrownBy(() -> w.commit(4, other))
        .matches(BlobErrors::isMismatch)
        .hasMessageContaining(other.toString());
    assertThat(content.list()).isEmpty();
    assertThat(sessionFiles()).isEmpty();
  }

  @Test
  void commit_wrongSize_throwsMismatch() throws IOException {
    BlobWriter w = content.writer();
    w.stream().write("data".getBytes(UTF_8));
    assertThatThrownBy(() -> w.commit(5, null))
        .matches(BlobErrors::isMismatch)
        .hasMessageContaining("expected 5, got 4");
    assertThat(content.list()).isEmpty();
  }

  @Test
  void closeWithoutCommit_discards() throws IOException {
    try (BlobWriter w = content.writer()) {
      w.stream().write(1);
    }
    assertThat(content.list()).isEmpty();
    assertThat(sessionFiles()).isEmpty();
  }

  @Test
  void put_stream_checksExpectation() throws IOException {
    byte[] data = "abc".getBytes(UTF_8);
    Digest d = Digest.sha256(data);
    assertThat(content.put(new ByteArrayInputStream(data), 3, d)).isEqualTo(d);
    assertThatThrownBy(() -> content.put(new ByteArrayInputStream("abd".getBytes(UTF_8)), 3, d))
        .matches(BlobErrors::isMismatch);
  }

  @Test
  void putSameBlobTwice_isFine() throws IOException {
    Digest a = content.put("same".getBytes(UTF_8));
    Digest b = content.put("same".getBytes(UTF_8));
    assertThat(a).isEqualTo(b);
    assertThat(content.list()).hasSize(1);
  }

  @Test
  void open_missing_throwsBlobNotFound() {
    Digest d = Digest.sha256(new byte[] {1});
    assertThatThrownBy(() -> content.open(d))
        .isInstanceOfSatisfying(
            BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
        .hasMessageContaining("content " + d + ": not found");
    assertThatThrownBy(() -> content.delete(d))
        .isInstanceOf(BerthException.class)
        .hasMessage("content " + d + ": not found");
  }

  @Test
  void verify_detectsCorruption() throws IOException {
    Digest d = content.put("pristine".getBytes(UTF_8));
    content.verify(d);
    Files.writeString(root.resolve("blobs/sha256/" + d.hex()), "tampered");
    assertThatThrownBy(() -> content.verify(d))
        .isInstanceOfSatisfying(
            BerthException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.FAILED_PRECONDITION))
        .hasMessageContaining("content " + d + ": corrupt");
  }

  @Test
  void listAndDelete() throws IOException {
    Digest a = content.put("a".getBytes(UTF_8));
    Digest b = content.put("b".getBytes(UTF_8));
    assertThat(content.list()).extracting(BlobInfo::digest).containsExactlyInAnyOrder(a, b);
    content.delete(a);
    assertThat(content.list()).extracting(BlobInfo::digest).containsExactly(b);
  }

  @Test
  void concurrentWritersOfTheSameBlob_allSucceed() throws Exception {
    byte[] data = new byte[1 << 20];
    new Random(7).nextBytes(data);
    Digest expected = Digest.sha256(data);
    int threads = 8;
    CyclicBarrier barrier = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Digest>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  // Each thread opens its own store, as separate builds would.
                  try (Store s = Store.open(root);
                      BlobWriter w = s.content().writer()) {
                    barrier.await();
                    for (int off = 0; off < data.length; off += 4096) {
                      w.stream().write(data, off, 4096);
                    }
                    return w.commit(data.length, expected);
                  }
                }));
      }
      for (Future<Digest> f : results) {
        assertThat(f.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
    content.verify(expected);
    assertThat(content.list()).hasSize(1);
  }

  @Test
  void unsupportedAlgorithm_isInvalidArgument() throws IOException {
    Digest sha512 = new Digest("sha512", "a".repeat(128));
    BlobWriter w = content.writer();
    assertThatThrownBy(() -> w.commit(-1, sha512))
        .isInstanceOfSatisfying(
            BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT));
  }

  private List<Path> sessionFiles() throws IOException {
    try (var s = Files.walk(root.resolve("tmp"))) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals(".owner"))
          .toList();
    }
  }
}
