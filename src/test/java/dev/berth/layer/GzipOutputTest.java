package dev.berth.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GzipOutputTest {

  private static final int B = GzipOutput.BLOCK;

  private static final ExecutorService THREE = Executors.newFixedThreadPool(3);

  @AfterAll
  static void stopPool() {
    THREE.shutdown();
  }

  /** Text-like bytes that compress, with a random run now and then that does not. */
  private static byte[] input(int size, long seed) {
    Random r = new Random(seed);
    byte[] b = new byte[size];
    String words = "layer tar entry usr bin python site-packages __init__.py ";
    for (int i = 0; i < size; i++) {
      b[i] =
          (i / 4096) % 7 == 3 ? (byte) r.nextInt() : (byte) words.charAt(r.nextInt(words.length()));
    }
    return b;
  }

  private static byte[] gzip(byte[] in, ExecutorService pool, int window, int chunk)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    GzipOutput g = new GzipOutput(out, pool, window);
    for (int off = 0; off < in.length; off += chunk) {
      g.write(in, off, Math.min(chunk, in.length - off));
    }
    g.finish();
    return out.toByteArray();
  }

  private static byte[] gunzip(byte[] gz) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(
      ints = {0, 1, 1000, B - 1, B, B + 1, 2 * B, 5 * B + 7, 3 * B + GzipOutput.DICTIONARY})
  void anyGzipReaderReadsBackTheInput(int size) throws IOException {
    byte[] in = input(size, size);
    byte[] gz = gzip(in, THREE, 4, 10_000);
    assertThat(gunzip(gz)).isEqualTo(in);
  }

  @Test
  void theBytesDoNotDependOnThreadsWindowOrHowTheInputIsCut() throws IOException {
    byte[] in = input(9 * B + 123, 42);
    ExecutorService one = Executors.newSingleThreadExecutor();
    ExecutorService four = Executors.newFixedThreadPool(4);
    try {
      byte[] a = gzip(in, one, 1, in.length);
      assertThat(gzip(in, four, 8, 777)).isEqualTo(a);
      assertThat(gzip(in, four, 2, B)).isEqualTo(a);
    } finally {
      one.shutdown();
      four.shutdown();
    }
  }

  @Test
  void theDictionaryKeepsTheRatioCloseToOneStream() throws IOException {
    byte[] in = input(16 * B, 7);
    byte[] parallel = gzip(in, THREE, 4, 64 * 1024);
    ByteArrayOutputStream single = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(single)) {
      g.write(in);
    }
    assertThat((double) parallel.length / single.size()).isLessThan(1.02);
  }

  @Test
  void theSystemGzipAgrees(@TempDir Path tmp) throws Exception {
    byte[] in = input(3 * B + 5, 3);
    Path gz = tmp.resolve("layer.gz");
    Files.write(gz, gzip(in, THREE, 4, 4096));
    Process p = new ProcessBuilder("gzip", "-dc", gz.toString()).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).isZero();
    assertThat(out).isEqualTo(in);
  }
}
