package dev.berth.layer;

import dev.berth.mount.MountSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a process changed in a snapshot, as layer entries, in containerd's Comparer shape: given the
 * mounts of the parent (lower) and of the active snapshot (upper). An overlay upper directory is
 * exactly the diff; a full copy is compared with its parent's tree.
 */
public final class LayerDiffer {

  private LayerDiffer() {}

  public static List<TarEntry> changes(List<MountSpec> lower, List<MountSpec> upper)
      throws IOException {
    MountSpec root = rootOf(upper);
    if (root.type().equals("overlay")) {
      return TreeScanner.scanOverlayUpper(Path.of(option(root, "upperdir")));
    }
    if (isBind(root)) {
      Optional<Path> before = lower.isEmpty() ? Optional.empty() : Optional.of(treeOf(lower));
      return TreeDiff.between(before, Path.of(root.source()));
    }
    throw new IOException("cannot compare a snapshot mounted as " + root.type());
  }

  /** The directory the process wrote to: the overlay's upper dir, or the whole copied tree. */
  public static Path writable(List<MountSpec> upper) throws IOException {
    MountSpec root = rootOf(upper);
    if (root.type().equals("overlay")) {
      return Path.of(option(root, "upperdir"));
    }
    if (isBind(root)) {
      return Path.of(root.source());
    }
    throw new IOException("no writable directory in a snapshot mounted as " + root.type());
  }

  /** The read-only trees below {@link #writable}, nearest first. */
  public static List<Path> below(List<MountSpec> lower, List<MountSpec> upper) throws IOException {
    MountSpec root = rootOf(upper);
    List<Path> out = new ArrayList<>();
    if (root.type().equals("overlay")) {
      for (String l : option(root, "lowerdir").split(":")) {
        out.add(Path.of(l));
      }
    } else if (!lower.isEmpty()) {
      out.add(treeOf(lower));
    }
    return out;
  }

  private static Path treeOf(List<MountSpec> lower) throws IOException {
    MountSpec m = rootOf(lower);
    if (!isBind(m)) {
      throw new IOException("a full copy can only be compared with a directory, not " + m.type());
    }
    return Path.of(m.source());
  }

  private static MountSpec rootOf(List<MountSpec> mounts) throws IOException {
    return mounts.stream()
        .filter(m -> m.target().equals("/"))
        .findFirst()
        .orElseThrow(() -> new IOException("no root mount among " + mounts));
  }

  private static boolean isBind(MountSpec m) {
    return m.type().equals("bind") || m.options().contains("bind") || m.options().contains("rbind");
  }

  private static String option(MountSpec m, String name) throws IOException {
    for (String o : m.options()) {
      if (o.startsWith(name + "=")) {
        return o.substring(name.length() + 1);
      }
    }
    throw new IOException("overlay mount without " + name + ": " + m);
  }
}
