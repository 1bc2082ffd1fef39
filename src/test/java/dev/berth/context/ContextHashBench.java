package dev.berth.context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How long selecting and hashing a 20,000-file context takes: without the digest cache, with a cold
 * one and with a warm one. Run by bench/context-bench.sh; not part of the tests.
 */
public final class ContextHashBench {

  private ContextHashBench() {}

  public static void main(String[] args) throws IOException {
    Path work = Files.createTempDirectory(args.length > 0 ? Path.of(args[0]) : tmp(), "ctxbench-");
    Path ctx = work.resolve("ctx");
    Path many = ctx.resolve("many");
    for (int d = 0; d < 200; d++) {
      Path dir = Files.createDirectories(many.resolve("d" + d));
      for (int f = 0; f < 100; f++) {
        Files.writeString(dir.resolve("f" + f + ".txt"), "file " + d + "/" + f + "\n");
      }
    }
    Path cache = work.resolve("hashes");
    ContentHasher cached = new ContentHasher(Optional.of(cache), Duration.ZERO, Clock.systemUTC());
    long t0 = System.nanoTime();
    CopySelection s =
        CopySelector.select(ctx, List.of("many"), "/data/", "/", List.of(), p -> false);
    long t1 = System.nanoTime();
    ContentHash plain = new ContentHasher().hash(s);
    long t2 = System.nanoTime();
    ContentHash cold = cached.hash(s);
    long t3 = System.nanoTime();
    ContentHash warm = cached.hash(s);
    long t4 = System.nanoTime();
    if (!cold.digest().equals(plain.digest()) || !warm.digest().equals(plain.digest())) {
      throw new IllegalStateException("the cached digests differ from the plain one");
    }
    System.out.printf(
        "20,000 files: select %d ms, hash without cache %d ms, cold cache %d ms, warm cache %d ms"
            + " (cache file %d KB)%n",
        (t1 - t0) / 1_000_000,
        (t2 - t1) / 1_000_000,
        (t3 - t2) / 1_000_000,
        (t4 - t3) / 1_000_000,
        Files.size(cache) / 1024);
    new ProcessBuilder("rm", "-rf", work.toString()).inheritIO().start();
  }

  private static Path tmp() {
    return Path.of(System.getProperty("java.io.tmpdir"));
  }
}
