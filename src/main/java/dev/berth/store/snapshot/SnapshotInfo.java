package dev.berth.store.snapshot;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A snapshot's name (or key, while active), its parent, its kind and when it was made. */
public record SnapshotInfo(String name, Optional<String> parent, Kind kind, Instant created) {

  /** Active snapshots can be written and committed; committed ones are read-only parents. */
  public enum Kind {
    ACTIVE,
    COMMITTED
  }

  public SnapshotInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(created, "created");
  }
}
