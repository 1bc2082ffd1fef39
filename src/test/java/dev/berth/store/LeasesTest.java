package dev.berth.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.mount.ProcessOwner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leases: what other sessions hold survives a collection, until their owner is gone. */
class LeasesTest {

  @TempDir Path root;

  @Test
  void blobWrittenByAnotherLiveSession_survivesGc_untilThatSessionCloses() throws IOException {
    try (Store collector = Store.open(root)) {
      Digest blob;
      try (Store writer = Store.open(root)) {
        blob = writer.content().put("step layer".getBytes(UTF_8));
        assertThat(collector.gc().blobs().count()).isZero();
        assertThat(collector.content().info(blob)).isPresent();
      }
      assertThat(collector.leases().list()).isEmpty();
      assertThat(collector.gc().blobs().count()).isEqualTo(1);
      assertThat(collector.content().info(blob)).isEmpty();
    }
  }

  @Test
  void blobFoundWithExists_isHeldLikeOneWritten() throws IOException {
    try (Store collector = Store.open(root)) {
      Digest blob = collector.content().put("pulled before".getBytes(UTF_8));
      try (Store puller = Store.open(root)) {
        assertThat(puller.content().exists(blob)).isTrue();
        assertThat(collector.gc().blobs().count()).isZero();
      }
      assertThat(collector.gc().blobs().count()).isEqualTo(1);
    }
  }

  @Test
  void heldImage_keepsItsBlobsAndSnapshotChain() throws IOException {
    try (Store collector = Store.open(root);
        Store builder = Store.open(root)) {
      Descriptor base = GcTest.image(collector, "base layer");
      builder.hold(base);
      Digest snapshot = Digest.sha256("a step's chain".getBytes(UTF_8));
      builder.holdSnapshot(snapshot);
      Reachable r = collector.reachable();
      assertThat(r.blobs()).contains(base.digest(), Digest.sha256("base layer".getBytes(UTF_8)));
      assertThat(r.chainIds()).contains(snapshot, Digest.sha256("base layer".getBytes(UTF_8)));
      assertThat(collector.gc().blobs().count()).isZero();
    }
  }

  @Test
  void leaseOfADeadOwner_hasExpired_andGcDeletesItWithWhatOnlyItHeld() throws IOException {
    try (Store store = Store.open(root)) {
      Digest blob = store.content().put("left by a killed build".getBytes(UTF_8));
      ProcessOwner self = ProcessOwner.self();
      // The same PID with another start time: the PID was reused, the owner is gone.
      ProcessOwner dead = new ProcessOwner(self.pid(), self.startTicks() + 1, self.pidNamespace());
      store
          .leases()
          .put(
              new Leases.Lease(
                  "session-killed", List.of(), Set.of(blob), Set.of(), Optional.of(dead)));

      assertThat(store.gc().blobs().count()).isEqualTo(1);
      assertThat(store.content().info(blob)).isEmpty();
      assertThat(store.leases().get("session-killed")).isEmpty();
    }
  }

  @Test
  void leaseOfALiveOwner_andOneWithoutOwner_keepWhatTheyHold() throws IOException {
    try (Store store = Store.open(root)) {
      Digest a = store.content().put("a".getBytes(UTF_8));
      Digest b = store.content().put("b".getBytes(UTF_8));
      store
          .leases()
          .put(
              new Leases.Lease(
                  "session-alive",
                  List.of(),
                  Set.of(a),
                  Set.of(),
                  Optional.of(ProcessOwner.self())));
      store.leases().put(new Leases.Lease("container-x", List.of(GcTest.image(store, "b"))));

      assertThat(store.gc().blobs().count()).isZero();
      assertThat(store.leases().list())
          .extracting(Leases.Lease::id)
          .contains("container-x", "session-alive");
    }
  }

  @Test
  void ownerInAnotherPidNamespace_livesAsLongAsItsSessionDirectoryIsLocked() throws IOException {
    try (Store store = Store.open(root)) {
      Digest blob = store.content().put("rootless".getBytes(UTF_8));
      ProcessOwner elsewhere = new ProcessOwner(7, 1, "pid:[1]");
      assertThat(elsewhere.alive()).isEmpty();
      try (Store other = Store.open(root)) {
        String live =
            "session-"
                + Files.list(root.resolve("tmp"))
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !store.newTempPath("x").startsWith(root.resolve("tmp").resolve(n)))
                    .findFirst()
                    .orElseThrow();
        store
            .leases()
            .put(new Leases.Lease(live, List.of(), Set.of(blob), Set.of(), Optional.of(elsewhere)));
        assertThat(store.gc().blobs().count()).isZero();
      }
      // That session closed: its directory is gone, so the lease has expired.
      assertThat(store.gc().blobs().count()).isEqualTo(1);
    }
  }

  @Test
  void processOwner_selfIsAlive_aDeadChildIsNot() throws Exception {
    assertThat(ProcessOwner.self().alive()).contains(true);
    Process p = new ProcessBuilder("sleep", "30").start();
    long pid = p.pid();
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    p.destroyForcibly().waitFor();
    long start = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ")[19]);
    ProcessOwner child = new ProcessOwner(pid, start, ProcessOwner.self().pidNamespace());
    assertThat(child.alive()).contains(false);
  }
}
