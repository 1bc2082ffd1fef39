package dev.berth.store.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.mount.MountSpec;
import dev.berth.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CopySnapshotterTest extends SnapshotterContractTest {

  @Override
  Snapshotter create(Store store, LayerUnpacker unpacker) throws IOException {
    return new CopySnapshotter(store, unpacker);
  }

  @Override
  String driver() {
    return "copy";
  }

  @Override
  Path view(List<MountSpec> mounts, Path scratch) {
    assertThat(mounts).hasSize(1);
    return Path.of(mounts.get(0).source());
  }

  @Test
  void prepare_returnsABindMountOfAFreshCopy() throws IOException {
    snapshotter.prepare("k", "");
    snapshotter.commit("p", "k");
    MountSpec m = snapshotter.prepare("c", "p").get(0);
    assertThat(m.type()).isEqualTo("bind");
    assertThat(m.target()).isEqualTo("/");
    assertThat(m.options()).containsExactly("rbind", "rw");
    assertThat(snapshotter.mounts("c")).containsExactly(m);
  }

  @Test
  void commit_twoProcessesCommittingTheSameChainIdsBothSucceed() throws Exception {
    int rounds = 40;
    long startAt = System.currentTimeMillis() + 3000; // both JVMs are up by then
    List<Process> ps = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ps.add(
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  CommitRace.class.getName(),
                  root.toString(),
                  Long.toString(startAt),
                  Integer.toString(rounds))
              .redirectErrorStream(true)
              .start());
    }
    for (Process p : ps) {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
    }
    assertThat(snapshotter.list()).hasSize(rounds);
  }
}
