package dev.berth.app;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.Digest;
import dev.berth.store.ChainId;
import dev.berth.store.snapshot.SnapshotInfo;
import dev.berth.store.snapshot.Snapshotter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The committed snapshots a load or import is about to make, so that a failure after them can
 * remove exactly those (top of each chain first) and leave the store as it was.
 */
final class SnapshotUndo {

  private record Made(Snapshotter snapshotter, String name) {}

  private final List<Made> made = new ArrayList<>();
  private final Set<String> noted = new HashSet<>();

  /** Notes the chain's snapshots that do not exist yet, before it is unpacked. */
  void note(Snapshotter snapshotter, List<Digest> diffIds) throws IOException {
    for (Digest chain : ChainId.of(diffIds)) {
      String name = chain.toString();
      if (!exists(snapshotter, name) && noted.add(name)) {
        made.add(new Made(snapshotter, name));
      }
    }
  }

  /** Removes the noted snapshots that were made, children before parents; never throws. */
  void run() {
    for (int i = made.size() - 1; i >= 0; i--) {
      Made m = made.get(i);
      try {
        if (exists(m.snapshotter(), m.name())) {
          m.snapshotter().remove(m.name());
        }
      } catch (IOException | RuntimeException ignored) {
        // Another image built on it meanwhile (then it is in use), or it is gone already; what
        // stays unreferenced goes with the next system prune.
      }
    }
    made.clear();
  }

  private static boolean exists(Snapshotter s, String name) throws IOException {
    try {
      return s.stat(name).kind() == SnapshotInfo.Kind.COMMITTED;
    } catch (BerthException e) {
      if (e.kind() == ErrorKind.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }
}
