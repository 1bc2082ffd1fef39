package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a build during a RUN: the next berth command unmounts the step's root, removes its
 * bundle directory and the runtime's container, and says so on stderr in one line.
 */
class LeftoversIT {

  @TempDir Path tmp;

  @Test
  void buildKilledDuringRun_nextCommandRemovesItsMountBundleAndRuntimeContainer() throws Exception {
    Path store = tmp.resolve("store");
    Berth berth = BusyboxBase.store(store);
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(
        ctx.resolve("Dockerfile"),
        "FROM " + BusyboxBase.IMAGE + "\nRUN echo $((40 + 2))-up && sleep 300\n");
    ProcessBuilder build =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Berth.jar().toString(),
                "build",
                "-t",
                "killed:1",
                ctx.toString())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("build.log").toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    build.environment().put("BERTH_ROOT", store.toString());
    Process p = build.start();
    Optional<String> runtimeId = Optional.empty();
    try {
      // The step runs once its runtime container is recorded, its root is mounted and its command
      // has printed (42-up is the output, never the instruction's text): on a loaded machine the
      // container may not exist yet when the first two are there.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (runtimeId.isEmpty()
          || bundleMounts(store).isEmpty()
          || !Files.readString(tmp.resolve("build.log")).contains("42-up")) {
        assertThat(System.nanoTime()).as("the RUN step to start").isLessThan(deadline);
        assertThat(p.isAlive()).as(Files.readString(tmp.resolve("build.log"))).isTrue();
        runtimeId = recordedRuntimeContainer(store);
        Thread.sleep(100);
      }
      Thread.sleep(500);
      p.destroyForcibly().waitFor();
      assertThat(bundleMounts(store)).as("what the killed build left mounted").isNotEmpty();

      Berth.Result next = berth.run("images").ok();

      assertThat(next.err().lines().filter(l -> l.contains("killed berth process")).toList())
          .hasSize(1);
      assertThat(next.err())
          .contains("removed what the killed berth process " + p.pid() + " left behind")
          .contains("1 mount")
          .contains("1 bundle directory")
          .contains("1 runtime container");
      assertThat(bundleMounts(store)).isEmpty();
      assertThat(Leaks.of(store).mounts()).isEmpty();
      try (var bundles = Files.list(store.resolve("bundles"))) {
        assertThat(bundles.toList()).isEmpty();
      }
      assertThat(Berth.exec("crun", "state", runtimeId.get()).exitCode())
          .as("crun state of the killed step's container")
          .isNotZero();
      assertThat(store.resolve("ledger").toFile().list((d, n) -> n.endsWith(".json"))).isEmpty();
      // Said once: the next command finds nothing left.
      assertThat(berth.run("images").ok().err()).doesNotContain("killed berth process");
    } finally {
      p.destroyForcibly();
      runtimeId.ifPresent(
          id -> {
            try {
              Berth.exec("crun", "delete", "-f", id);
            } catch (java.io.IOException ignored) {
              // best effort: the assertions above say what was left
            }
          });
      for (String m : bundleMounts(store)) {
        Berth.exec(List.of("umount", "-l", m), Map.of());
      }
    }
  }

  /** Mount points under the store's bundle directory. */
  private static List<String> bundleMounts(Path store) throws Exception {
    String bundles = store.resolve("bundles").toString() + "/";
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
        .map(l -> l.split(" ")[4])
        .filter(m -> m.startsWith(bundles))
        .toList();
  }

  /** The id of the runtime container the ledger says a berth process started. */
  private static Optional<String> recordedRuntimeContainer(Path store) throws Exception {
    Path ledger = store.resolve("ledger");
    if (!Files.isDirectory(ledger)) {
      return Optional.empty();
    }
    try (var entries = Files.list(ledger)) {
      for (Path e : entries.filter(f -> f.toString().endsWith(".json")).toList()) {
        String json;
        try {
          json = Files.readString(e);
        } catch (java.nio.file.NoSuchFileException gone) {
          continue;
        }
        var m = java.util.regex.Pattern.compile("\"(berth-[0-9a-f]{16})\"").matcher(json);
        if (json.contains("\"command\"") && m.find()) {
          return Optional.of(m.group(1));
        }
      }
    }
    return Optional.empty();
  }
}
