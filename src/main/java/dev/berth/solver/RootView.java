package dev.berth.solver;

import dev.berth.image.Digest;
import dev.berth.mount.MountSpec;
import dev.berth.mount.Mounter;
import dev.berth.store.snapshot.Snapshotter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A stage's file system mounted at a temporary directory for reading and staging (COPY sources,
 * checks before WORKDIR); removed and unmounted on close.
 */
final class RootView implements AutoCloseable {

  private final Snapshotter snapshotter;
  private final String key;
  private final Path mountpoint;
  private final boolean mounted;

  private RootView(Snapshotter snapshotter, String key, Path mountpoint, boolean mounted) {
    this.snapshotter = snapshotter;
    this.key = key;
    this.mountpoint = mountpoint;
    this.mounted = mounted;
  }

  /** Opens a view of the layers of {@code state}; an empty state gives an empty directory. */
  static RootView open(Snapshotter snapshotter, ImageState state, Path tempDir) throws IOException {
    Optional<Digest> chain = snapshotter.unpackChain(state.layers(), state.diffIds());
    String key = "view-" + UUID.randomUUID();
    List<MountSpec> mounts = snapshotter.prepare(key, chain.map(Digest::toString).orElse(""));
    Files.createDirectories(tempDir);
    Path mountpoint = Files.createTempDirectory(tempDir, "view-");
    try {
      Mounter.mount(mounts.get(0), mountpoint);
    } catch (IOException e) {
      snapshotter.remove(key);
      Files.deleteIfExists(mountpoint);
      throw e;
    }
    return new RootView(snapshotter, key, mountpoint, true);
  }

  Path root() {
    return mountpoint;
  }

  @Override
  public void close() throws IOException {
    try {
      if (mounted) {
        Mounter.unmount(mountpoint);
      }
    } finally {
      try {
        snapshotter.remove(key);
      } finally {
        Files.deleteIfExists(mountpoint);
      }
    }
  }
}
