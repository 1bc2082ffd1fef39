package dev.berth.bench;

import dev.berth.image.MediaType.Compression;
import dev.berth.layer.LayerApplier;
import dev.berth.layer.LayerDigests;
import dev.berth.layer.LayerWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Layer write and apply throughput against GNU tar + gzip on the same data, in the same run. Run
 * through {@code bench/layer-bench.sh}; not a test, so {@code ./mvnw test} never runs it.
 */
public final class LayerBench {

  private record Row(String data, String tool, String op, long bytes, double seconds) {}

  public static void main(String[] args) throws Exception {
    Path work =
        Files.createTempDirectory(
            args.length > 0 ? Path.of(args[0]) : Path.of(System.getProperty("java.io.tmpdir")),
            "layer-bench");
    try {
      List<Row> rows = new ArrayList<>();
      Path small = work.resolve("small");
      makeSmallFiles(small, 20_000);
      bench("20,000 small files", small, work, rows);
      Path big = work.resolve("big");
      makeBigFile(big, 300L << 20);
      bench("one 300 MB file", big, work, rows);
      System.out.printf(
          "%-20s %-32s %-12s %10s %9s %9s%n",
          "data", "tool", "operation", "tar MB", "seconds", "MB/s");
      for (Row r : rows) {
        System.out.printf(
            "%-20s %-32s %-12s %10.1f %9.2f %9.1f%n",
            r.data(),
            r.tool(),
            r.op(),
            r.bytes() / 1e6,
            r.seconds(),
            r.bytes() / 1e6 / r.seconds());
      }
    } finally {
      delete(work);
    }
  }

  private static void bench(String label, Path tree, Path work, List<Row> rows) throws Exception {
    // One warm-up write so the JIT and page cache do not favour whoever runs second.
    write(tree, work.resolve("warm.tar.gz"), Compression.GZIP);
    long tarBytes = 0;
    for (Compression c : List.of(Compression.GZIP, Compression.ZSTD)) {
      Path blob = work.resolve("berth.tar." + c.name().toLowerCase());
      long t0 = System.nanoTime();
      LayerDigests d = write(tree, blob, c);
      double s = (System.nanoTime() - t0) / 1e9;
      tarBytes = uncompressedSize(blob);
      rows.add(
          new Row(
              label,
              "berth " + c.name().toLowerCase() + " (blob " + Files.size(blob) / 1_000_000 + " MB)",
              "write",
              tarBytes,
              s));
      Path dst = Files.createDirectory(work.resolve("apply-" + c));
      t0 = System.nanoTime();
      new LayerApplier().apply(blob, dst);
      rows.add(
          new Row(
              label,
              "berth " + c.name().toLowerCase(),
              "apply",
              tarBytes,
              (System.nanoTime() - t0) / 1e9));
      delete(dst);
      if (d.blobSize() <= 0) {
        throw new AssertionError("empty blob");
      }
    }
    Path gnu = work.resolve("gnu.tar.gz");
    long t0 = System.nanoTime();
    sh("tar -C '" + tree + "' -cf - . | gzip -6 > '" + gnu + "'");
    rows.add(
        new Row(
            label,
            "GNU tar | gzip -6 (blob " + Files.size(gnu) / 1_000_000 + " MB)",
            "write",
            tarBytes,
            (System.nanoTime() - t0) / 1e9));
    Path dst = Files.createDirectory(work.resolve("apply-gnu"));
    t0 = System.nanoTime();
    sh("tar -C '" + dst + "' -xzf '" + gnu + "'");
    rows.add(new Row(label, "GNU tar -xz", "apply", tarBytes, (System.nanoTime() - t0) / 1e9));
    delete(dst);
    for (Path p :
        List.of(
            gnu,
            work.resolve("warm.tar.gz"),
            work.resolve("berth.tar.gzip"),
            work.resolve("berth.tar.zstd"))) {
      Files.deleteIfExists(p);
    }
  }

  private static LayerDigests write(Path tree, Path blob, Compression c) throws IOException {
    try (OutputStream out = Files.newOutputStream(blob)) {
      return new LayerWriter(LayerWriter.Options.of(c)).writeTree(tree, List.of(), out);
    }
  }

  private static long uncompressedSize(Path blob) throws IOException {
    String tool = blob.toString().endsWith("gzip") ? "gzip -dc" : "zstd -dc";
    Process p = new ProcessBuilder("sh", "-c", tool + " '" + blob + "' | wc -c").start();
    long n = Long.parseLong(new String(p.getInputStream().readAllBytes()).trim());
    try {
      p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return n;
  }

  /** Files of 200 to 8,000 bytes of text-like content, 100 per directory. */
  private static void makeSmallFiles(Path root, int count) throws IOException {
    Random r = new Random(1);
    for (int i = 0; i < count; i++) {
      Path dir = root.resolve(String.format("d%03d/s%02d", i / 1000, (i / 100) % 10));
      Files.createDirectories(dir);
      Files.write(dir.resolve("f" + i + ".txt"), text(r, 200 + r.nextInt(7800)));
    }
  }

  /** Half random bytes, half text, so compression has some work but not all of it. */
  private static void makeBigFile(Path root, long size) throws IOException {
    Files.createDirectories(root);
    Random r = new Random(2);
    byte[] chunk = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(root.resolve("big.bin"))) {
      for (long written = 0; written < size; written += chunk.length) {
        if ((written >> 20) % 2 == 0) {
          r.nextBytes(chunk);
          out.write(chunk);
        } else {
          out.write(text(r, chunk.length));
        }
      }
    }
  }

  private static byte[] text(Random r, int n) {
    String[] words = {
      "layer", "berth", "image", "the", "of", "container", "build", "snapshot", "tar", "gzip", "\n"
    };
    StringBuilder b = new StringBuilder(n + 16);
    while (b.length() < n) {
      b.append(words[r.nextInt(words.length)]).append(' ');
    }
    return b.substring(0, n).getBytes(StandardCharsets.US_ASCII);
  }

  private static void sh(String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("sh", "-c", command).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IOException("failed: " + command);
    }
  }

  private static void delete(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(x);
      }
    }
  }
}
