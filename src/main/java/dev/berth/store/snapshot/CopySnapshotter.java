package dev.berth.store.snapshot;

import dev.berth.mount.MountSpec;
import dev.berth.store.Store;
import dev.berth.store.TreeCopy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Snapshots as full copies, for hosts where overlay cannot be mounted: every snapshot holds its
 * whole tree, and an active one starts as a copy of its parent, mounted with a bind mount.
 */
public final class CopySnapshotter extends BaseSnapshotter {

  static final String DRIVER = "copy";

  public CopySnapshotter(Store store, LayerUnpacker unpacker) throws IOException {
    super(store, unpacker, DRIVER);
  }

  @Override
  void populate(Path fs, List<Path> parentChain) throws IOException {
    if (parentChain.isEmpty()) {
      return;
    }
    TreeCopy.copy(parentChain.get(0), fs, "snapshot " + parentChain.get(0));
  }

  @Override
  void prepareDir(Path dir) {
    // A copy needs nothing beside its tree.
  }

  @Override
  List<MountSpec> mountsOf(Active active, List<Path> parentChain) {
    return List.of(new MountSpec("bind", active.fs().toString(), "/", List.of("rbind", "rw")));
  }

  @Override
  List<MountSpec> parentMountsOf(List<Path> parentChain) {
    // Every copy holds its whole tree: the nearest parent is all of it.
    return List.of(
        new MountSpec("bind", parentChain.get(0).toString(), "/", List.of("rbind", "ro")));
  }

  @Override
  UnpackTarget targetOf(Active active, List<Path> parentChain) {
    return new UnpackTarget(active.fs(), List.of());
  }

  @Override
  void cleanBeforeCommit(Path dir) {
    // Nothing but the tree was made.
  }
}
