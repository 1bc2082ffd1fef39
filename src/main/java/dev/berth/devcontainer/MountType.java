package dev.berth.devcontainer;

import java.util.Locale;
import java.util.Optional;

/** What a mount mounts: a host path, a named (or anonymous) volume, or a fresh tmpfs. */
public enum MountType {
  BIND,
  VOLUME,
  TMPFS;

  /** The name docker's {@code --mount type=} uses. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<MountType> fromLabel(String s) {
    for (MountType t : values()) {
      if (t.label().equals(s)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
