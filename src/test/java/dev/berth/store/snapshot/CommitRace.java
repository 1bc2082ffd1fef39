package dev.berth.store.snapshot;

import dev.berth.image.Digest;
import dev.berth.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One of two processes racing on one store (see {@link CopySnapshotterTest}): from a start time
 * both give, commits under the same chain IDs, in the same order, each with a tree of its own.
 * Exits 0 when every commit succeeded, 1 with the error otherwise.
 */
final class CommitRace {

  private CommitRace() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    long startAt = Long.parseLong(args[1]);
    int rounds = Integer.parseInt(args[2]);
    try (Store store = Store.open(root)) {
      CopySnapshotter s =
          new CopySnapshotter(
              store,
              (blob, in, target) -> {
                throw new IllegalStateException("nothing is unpacked here");
              });
      for (int i = 0; i < rounds; i++) {
        s.prepare("race-" + i, "");
      }
      while (System.currentTimeMillis() < startAt) {
        Thread.onSpinWait();
      }
      for (int i = 0; i < rounds; i++) {
        String chain = Digest.sha256(("chain " + i).getBytes(StandardCharsets.UTF_8)).toString();
        Files.writeString(Path.of(s.mounts("race-" + i).get(0).source(), "f"), "same");
        s.commit(chain, "race-" + i);
      }
    } catch (Exception e) {
      System.err.println(e);
      System.exit(1);
    }
  }
}
