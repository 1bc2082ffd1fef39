package dev.berth.store.snapshot;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where a layer goes. With no {@code lowers}, {@code root} holds the whole tree and a deletion
 * removes the file. With lowers (nearest first), {@code root} is an overlay upper directory above
 * them: a deletion must be recorded as an overlay whiteout (a 0/0 character device, or the {@code
 * trusted.overlay.opaque=y} attribute for an opaque directory), and symlinks in the lowers count
 * when checking that an entry stays inside the root.
 */
public record UnpackTarget(Path root, List<Path> lowers) {

  public UnpackTarget {
    Objects.requireNonNull(root, "root");
    lowers = List.copyOf(lowers);
  }
}
