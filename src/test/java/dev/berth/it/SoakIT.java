package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * build, run --rm, load, rmi and system prune concurrently on one store for a bounded time ({@code
 * -Dsoak.seconds}, 100 by default); then every blob's bytes hash to its name and every image that
 * is left runs. Commands may fail cleanly (an image removed under them), never with a stack trace.
 */
class SoakIT {

  @TempDir Path tmp;

  @Test
  void concurrentBuildRunLoadRmiPrune_leaveAConsistentStore() throws Exception {
    Path store = tmp.resolve("store");
    Berth berth = BusyboxBase.store(store);
    Path archive = tmp.resolve("busybox.tar");
    berth.run("save", "-o", archive.toString(), BusyboxBase.IMAGE).ok();
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(
        ctx.resolve("Dockerfile"),
        "FROM " + BusyboxBase.IMAGE + "\nARG N\nRUN echo $N > /n\nRUN cat /n > /m\n");
    long end = System.nanoTime() + Long.getLong("soak.seconds", 100) * 1_000_000_000L;
    ConcurrentLinkedQueue<String> traces = new ConcurrentLinkedQueue<>();
    List<Loop> loops =
        List.of(
            i -> berth.run("build", "--build-arg", "N=" + i, "-t", "soak:" + i % 3, ctx.toString()),
            i -> berth.run("run", "--rm", i % 2 == 0 ? BusyboxBase.IMAGE : "soak:1", "true"),
            i -> berth.run("load", "-i", archive.toString()),
            i -> berth.run("rmi", i % 2 == 0 ? "soak:" + i % 3 : BusyboxBase.IMAGE),
            i -> berth.run("system", "prune", "-f"));
    ExecutorService pool = Executors.newFixedThreadPool(loops.size());
    List<Future<Integer>> runs = new ArrayList<>();
    try {
      for (Loop loop : loops) {
        runs.add(
            pool.submit(
                () -> {
                  int n = 0;
                  while (System.nanoTime() < end) {
                    Berth.Result r = loop.once(n++);
                    if (r.err().contains("\tat ") || r.err().contains("Exception in thread")) {
                      traces.add(r.err());
                    }
                  }
                  return n;
                }));
      }
      for (Future<Integer> f : runs) {
        assertThat(f.get()).isPositive();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(traces).as("stack traces").isEmpty();

    Leaks.awaitQuiet(store);
    try (var blobs = Files.list(store.resolve("blobs/sha256"))) {
      for (Path blob : blobs.toList()) {
        assertThat(sha256(blob))
            .as("the bytes of blob %s", blob)
            .isEqualTo(blob.getFileName().toString());
      }
    }
    String images = berth.run("images", "--format", "{{.Repository}}:{{.Tag}}").ok().out();
    for (String image : images.lines().filter(l -> !l.isBlank()).toList()) {
      berth.run("run", "--rm", image, "true").ok();
    }
    assertThat(Leaks.of(store).mounts()).isEmpty();
  }

  @FunctionalInterface
  private interface Loop {
    Berth.Result once(int i) throws Exception;
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[65536];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
