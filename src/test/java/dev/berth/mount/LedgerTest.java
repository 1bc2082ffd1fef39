package dev.berth.mount;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger: what a dead process recorded is undone by the next, newest first; a live one's stays.
 */
class LedgerTest {

  @TempDir Path tmp;

  private static ProcessOwner dead() throws IOException {
    ProcessOwner self = ProcessOwner.self();
    return new ProcessOwner(self.pid(), self.startTicks() + 1, self.pidNamespace());
  }

  @Test
  void deadOwnersEntries_areUndoneNewestFirst_andCrossedOut() throws IOException {
    Path ledgerDir = tmp.resolve("ledger");
    Path bundle = tmp.resolve("bundles/berth-bundle-1");
    Path order = tmp.resolve("order");
    Ledger killed = new Ledger(ledgerDir, dead());
    killed.record(new Ledger.Undo.RemoveDir(bundle));
    Files.createDirectories(bundle.resolve("rootfs"));
    Files.writeString(bundle.resolve("config.json"), "{}");
    // Recorded last, so undone first: the directory must still be there when it runs.
    killed.record(
        new Ledger.Undo.Command(
            List.of("sh", "-c", "test -d " + bundle + " && echo first > " + order)));

    Ledger.Reaped reaped = new Ledger(ledgerDir).reap();

    assertThat(Files.readString(order)).isEqualTo("first\n");
    assertThat(bundle).doesNotExist();
    assertThat(new Ledger(ledgerDir).entries()).isEmpty();
    assertThat(reaped.pids()).containsExactly(ProcessOwner.self().pid());
    assertThat(reaped.removed()).isEqualTo(1);
    assertThat(reaped.commands()).isEqualTo(1);
    assertThat(reaped.describe())
        .isEqualTo(
            "removed what the killed berth process "
                + ProcessOwner.self().pid()
                + " left behind: 1 bundle directory, 1 runtime container");
  }

  @Test
  void liveOwnersEntries_stay_untilCrossedOut() throws IOException {
    Path ledgerDir = tmp.resolve("ledger");
    Path bundle = Files.createDirectories(tmp.resolve("bundle"));
    Ledger mine = new Ledger(ledgerDir);
    Ledger.Entry entry = mine.record(new Ledger.Undo.RemoveDir(bundle));

    assertThat(mine.reap().isEmpty()).isTrue();
    assertThat(bundle).exists();
    assertThat(mine.entries()).hasSize(1);

    entry.close();
    assertThat(mine.entries()).isEmpty();
  }

  @Test
  void anUnmountWhoseMountIsGone_isCrossedOutWithoutCounting() throws IOException {
    Path ledgerDir = tmp.resolve("ledger");
    new Ledger(ledgerDir, dead()).record(new Ledger.Undo.Unmount(tmp.resolve("never-mounted")));
    Ledger.Reaped reaped = new Ledger(ledgerDir).reap();
    assertThat(reaped.unmounted()).isZero();
    assertThat(reaped.describe()).endsWith("left behind: nothing in place any more");
    assertThat(new Ledger(ledgerDir).entries()).isEmpty();
  }

  @Test
  void ownerInAnotherPidNamespace_isLeftAlone() throws IOException {
    Path ledgerDir = tmp.resolve("ledger");
    Path bundle = Files.createDirectories(tmp.resolve("bundle"));
    new Ledger(ledgerDir, new ProcessOwner(5, 1, "pid:[1]"))
        .record(new Ledger.Undo.RemoveDir(bundle));
    assertThat(new Ledger(ledgerDir).reap().isEmpty()).isTrue();
    assertThat(bundle).exists();
  }
}
