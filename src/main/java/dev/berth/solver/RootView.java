package dev.berth.solver;

import dev.berth.image.Digest;
import dev.berth.mount.MountSpec;
import dev.berth.mount.Mounter;
import dev.berth.store.snapshot.Snapshotter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A stage's file system for reading (COPY sources and destinations, checks before WORKDIR): the
 * snapshot's own directory where it is one, else a read-only overlay mounted at a temporary
 * directory, unmounted on close. Nothing is copied or prepared for it.
 */
final class RootView implements AutoCloseable {

  private final Path root;
  private final boolean mounted;

  private RootView(Path root, boolean mounted) {
    this.root = root;
    this.mounted = mounted;
  }

  /** Opens a view of the layers of {@code state}; an empty state gives an empty directory. */
  static RootView open(Snapshotter snapshotter, ImageState state, Path tempDir) throws IOException {
    Optional<Digest> chain = snapshotter.unpackChain(state.layers(), state.diffIds());
    Files.createDirectories(tempDir);
    if (chain.isEmpty()) {
      return new RootView(Files.createTempDirectory(tempDir, "view-"), false);
    }
    MountSpec view = snapshotter.view(chain.get().toString()).get(0);
    if (view.type().equals("bind") || view.options().contains("rbind")) {
      return new RootView(Path.of(view.source()), false);
    }
    Path mountpoint = Files.createTempDirectory(tempDir, "view-");
    try {
      Mounter.mount(view, mountpoint);
    } catch (IOException e) {
      Files.deleteIfExists(mountpoint);
      throw e;
    }
    return new RootView(mountpoint, true);
  }

  Path root() {
    return root;
  }

  @Override
  public void close() throws IOException {
    if (mounted) {
      try {
        Mounter.unmount(root);
      } finally {
        Files.deleteIfExists(root);
      }
    }
  }
}
