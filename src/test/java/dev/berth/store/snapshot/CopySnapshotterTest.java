package dev.berth.store.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.mount.MountSpec;
import dev.berth.store.Store;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
}
