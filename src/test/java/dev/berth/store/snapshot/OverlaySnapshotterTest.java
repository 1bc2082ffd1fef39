package dev.berth.store.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.mount.MountSpec;
import dev.berth.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the contract against overlay, mounting for real when running as root on a kernel with
 * overlay; elsewhere the layers are merged by copying, which checks the mount description only.
 */
class OverlaySnapshotterTest extends SnapshotterContractTest {

  static final boolean CAN_MOUNT = canMount();

  @Override
  Snapshotter create(Store store, LayerUnpacker unpacker) throws IOException {
    return new OverlaySnapshotter(store, unpacker);
  }

  @Override
  String driver() {
    return "overlay";
  }

  @Override
  Path view(List<MountSpec> mounts, Path scratch) throws IOException {
    assertThat(mounts).hasSize(1);
    MountSpec m = mounts.get(0);
    if (m.type().equals("bind")) {
      return Path.of(m.source());
    }
    assertThat(m.type()).isEqualTo("overlay");
    if (CAN_MOUNT) {
      run("mount", "-t", "overlay", m.source(), "-o", m.optionString(), scratch.toString());
      mounted.add(scratch);
      return scratch;
    }
    // Without mounting: copy lowers bottom-up, then the upper, into one tree.
    String lower = option(m, "lowerdir=");
    List<String> lowers = List.of(lower.split(":"));
    for (int i = lowers.size() - 1; i >= 0; i--) {
      run("cp", "-a", lowers.get(i) + "/.", scratch.toString());
    }
    return Path.of(option(m, "upperdir="));
  }

  @Test
  void prepare_overParents_describesOverlayWithNearestLowerFirst() throws IOException {
    List<MountSpec> first = snapshotter.prepare("k1", "");
    assertThat(first.get(0).type()).isEqualTo("bind");
    snapshotter.commit("p", "k1");
    snapshotter.prepare("k2", "p");
    snapshotter.commit("c", "k2");
    MountSpec m = snapshotter.prepare("k3", "c").get(0);
    Path committed = store.layout().snapshots("overlay");
    String lower = option(m, "lowerdir=");
    assertThat(lower.split(":")).hasSize(2);
    assertThat(lower.split(":")[0]).startsWith(committed.toString()).endsWith("/fs");
    assertThat(option(m, "upperdir=")).startsWith(store.layout().tmp().toString());
    assertThat(Path.of(option(m, "workdir="))).isDirectory();
    assertThat(m.options()).hasSize(3);
  }

  @Test
  void aChainLongerThanAnOptionsPageIsFoldedIntoFlatCopiesOfWholeBlocks() throws IOException {
    assumeTrue(CAN_MOUNT, "folding mounts the blocks it flattens");
    OverlaySnapshotter overlay = (OverlaySnapshotter) snapshotter;
    String parent = "";
    int n = 130;
    for (int i = 1; i <= n; i++) {
      MountSpec m = snapshotter.prepare("k" + i, parent).get(0);
      Path upper = m.type().equals("bind") ? Path.of(m.source()) : Path.of(option(m, "upperdir="));
      Files.writeString(upper.resolve("f" + i), "layer " + i);
      if (i == 50) {
        // A later layer wins over the flat copy of the block below it.
        Files.writeString(upper.resolve("f1"), "replaced");
      }
      snapshotter.commit("s" + i, "k" + i);
      parent = "s" + i;
    }
    MountSpec top = snapshotter.prepare("top", parent).get(0);
    assertThat(top.optionString().length()).isLessThan(4096);
    List<String> lowers = List.of(option(top, "lowerdir=").split(":"));
    int block = overlay.block();
    assertThat(lowers).hasSize(n - ((n - 1) / block) * block + 1);
    assertThat(lowers.get(lowers.size() - 1)).endsWith("/flat");
    Path merged = view(List.of(top), Files.createTempDirectory(scratch, "view-"));
    for (int i = 1; i <= n; i++) {
      assertThat(merged.resolve("f" + i)).hasContent(i == 1 ? "replaced" : "layer " + i);
    }
  }

  @Test
  void committedSnapshotHoldsOnlyItsOwnChanges() throws IOException {
    Path base = view(snapshotter.prepare("k1", ""), null);
    Files.writeString(base.resolve("a"), "a");
    snapshotter.commit("p", "k1");
    MountSpec m = snapshotter.prepare("k2", "p").get(0);
    Path upper = Path.of(option(m, "upperdir="));
    Files.writeString(upper.resolve("b"), "b");
    snapshotter.commit("c", "k2");
    Path cDir = store.layout().snapshots("overlay");
    try (var s = Files.walk(cDir)) {
      // Each committed tree has its own file only: "a" is not copied into the child.
      assertThat(s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("a", "b", "meta.json", "meta.json");
    }
  }

  static String option(MountSpec m, String prefix) {
    return m.options().stream()
        .filter(o -> o.startsWith(prefix))
        .findFirst()
        .orElseThrow()
        .substring(prefix.length());
  }

  static void run(String... cmd) throws IOException {
    try {
      Process p = new ProcessBuilder(cmd).inheritIO().start();
      assertThat(p.waitFor()).as(String.join(" ", cmd)).isZero();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static boolean canMount() {
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return ((Number) uid).intValue() == 0
          && Files.readString(Path.of("/proc/filesystems")).contains("\toverlay");
    } catch (IOException e) {
      return false;
    }
  }
}
