package dev.berth.runtime;

import dev.berth.mount.MountSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** The root file system a container runs on: a directory as it is, or mounts the runtime makes. */
public sealed interface RootFs {

  /** A directory used as the root; the process may change it. */
  record Directory(Path path) implements RootFs {
    public Directory {
      Objects.requireNonNull(path, "path");
    }
  }

  /**
   * Mounts made for the run only (an overlay snapshot, a bind): the one with target {@code /}
   * becomes the root and the others go below it. They are always unmounted afterwards.
   */
  record Mounts(List<MountSpec> mounts) implements RootFs {
    public Mounts {
      mounts = List.copyOf(mounts);
      if (mounts.stream().noneMatch(m -> m.target().equals("/"))) {
        throw new IllegalArgumentException("no mount has target /: " + mounts);
      }
    }
  }

  static RootFs directory(Path path) {
    return new Directory(path);
  }

  static RootFs mounts(List<MountSpec> mounts) {
    return new Mounts(mounts);
  }
}
