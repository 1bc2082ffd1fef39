package dev.berth.store.snapshot;

import dev.berth.mount.MountSpec;
import dev.berth.store.AtomicFiles;
import dev.berth.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Snapshots as overlay layers: each committed snapshot holds only its own changes, and an active
 * one is an empty upper directory over its parent chain. Needs a kernel with overlay and the right
 * to mount.
 */
public final class OverlaySnapshotter extends BaseSnapshotter {

  static final String DRIVER = "overlay";
  private static final String WORK = "work";

  public OverlaySnapshotter(Store store, LayerUnpacker unpacker) throws IOException {
    super(store, unpacker, DRIVER);
  }

  @Override
  void populate(Path fs, List<Path> parentChain) {
    // The parent chain is shared through lowerdir; nothing is copied.
  }

  @Override
  void prepareDir(Path dir) throws IOException {
    Files.createDirectory(dir.resolve(WORK));
  }

  @Override
  List<MountSpec> mountsOf(Active active, List<Path> parentChain) {
    if (parentChain.isEmpty()) {
      // overlay needs at least one lower directory; an empty base is just the upper dir.
      return List.of(new MountSpec("bind", active.fs().toString(), "/", List.of("rbind", "rw")));
    }
    String lower = parentChain.stream().map(Path::toString).collect(Collectors.joining(":"));
    return List.of(
        new MountSpec(
            "overlay",
            "overlay",
            "/",
            List.of(
                "lowerdir=" + lower,
                "upperdir=" + active.fs(),
                "workdir=" + active.dir().resolve(WORK))));
  }

  @Override
  List<MountSpec> parentMountsOf(List<Path> parentChain) {
    if (parentChain.size() == 1) {
      return List.of(
          new MountSpec("bind", parentChain.get(0).toString(), "/", List.of("rbind", "ro")));
    }
    String lower = parentChain.stream().map(Path::toString).collect(Collectors.joining(":"));
    return List.of(new MountSpec("overlay", "overlay", "/", List.of("ro", "lowerdir=" + lower)));
  }

  @Override
  UnpackTarget targetOf(Active active, List<Path> parentChain) {
    return new UnpackTarget(active.fs(), parentChain);
  }

  @Override
  void cleanBeforeCommit(Path dir) throws IOException {
    AtomicFiles.deleteTree(dir.resolve(WORK));
  }
}
