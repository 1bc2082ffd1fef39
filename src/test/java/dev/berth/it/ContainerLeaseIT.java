package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container's lease on its image: {@code rmi} refuses the image of a stopped container, naming
 * it; {@code rmi -f} only untags; a prune after that keeps what the container needs, and it starts.
 */
class ContainerLeaseIT {

  @TempDir Path tmp;

  @Test
  void rmiOfAnImageAContainerUses_isRefused_forceUntagsOnly_andPruneKeepsTheContainer()
      throws Exception {
    Path store = tmp.resolve("store");
    Berth berth = BusyboxBase.store(store);
    try {
      // Running through the prune: system prune removes stopped containers, as docker's does.
      berth.run("run", "-d", "--name", "keeper", BusyboxBase.IMAGE, "sleep", "300").ok();

      // rmi reports each name it could not remove and exits 1, as docker rmi does.
      Berth.Result refused = berth.run("rmi", BusyboxBase.IMAGE);
      assertThat(refused.exitCode()).as(refused.err()).isEqualTo(1);
      assertThat(refused.err())
          .contains("conflict: unable to remove repository reference \"" + BusyboxBase.IMAGE + "\"")
          .contains("(must force)")
          .contains("(keeper) is using its referenced image")
          .doesNotContain("\tat ");
      assertThat(berth.run("images").ok().out()).contains("busybox-it");

      Berth.Result forced = berth.run("rmi", "-f", BusyboxBase.IMAGE).ok();
      assertThat(forced.out()).contains("Untagged: " + BusyboxBase.IMAGE).doesNotContain("Deleted");
      assertThat(berth.run("images").ok().out()).doesNotContain("busybox-it");

      berth.run("system", "prune", "-f").ok();

      // Stopped and started again after the prune: its image's snapshots are still there.
      berth.run("stop", "-t", "0", "keeper").ok();
      berth.run("start", "keeper").ok();
      assertThat(berth.run("exec", "keeper", "echo", "still here").ok().out())
          .contains("still here");

      // Once the container goes, nothing holds the image any more: prune takes it all.
      berth.run("rm", "-f", "keeper").ok();
      berth.run("system", "prune", "-f").ok();
      assertThat(store.resolve("leases")).isEmptyDirectory();
      try (var drivers = java.nio.file.Files.list(store.resolve("snapshots"))) {
        for (Path driver : drivers.toList()) {
          assertThat(driver).as("snapshots left after the last prune").isEmptyDirectory();
        }
      }
    } finally {
      berth.run("rm", "-f", "keeper");
      Leaks.awaitQuiet(store);
      assertThat(Leaks.of(store).mounts()).isEmpty();
    }
  }
}
