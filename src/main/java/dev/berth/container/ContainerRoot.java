package dev.berth.container;

import dev.berth.image.Digest;
import dev.berth.mount.MountSpec;
import dev.berth.mount.Mounter;
import dev.berth.store.ChainId;
import dev.berth.store.TreeCopy;
import dev.berth.store.snapshot.Snapshotter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A container's writable root, kept in its own directory so it lives as long as the container: an
 * overlay whose lower directories are the image's committed snapshots and whose upper and work
 * directories are the container's ({@code rw/upper}, {@code rw/work}), or, with the copy
 * snapshotter, a full copy ({@code rw/fs}). Mounted at the bundle's {@code rootfs} while the
 * container runs.
 */
final class ContainerRoot {

  private ContainerRoot() {}

  /** Makes the writable layer's directories (a copy of the image for the copy snapshotter). */
  static void prepare(Path containerDir, ContainerSpec spec, Snapshotter snapshotter)
      throws IOException {
    Optional<Digest> chain = snapshotter.unpackChain(spec.layers(), spec.diffIds());
    Path rw = containerDir.resolve("rw");
    if (spec.snapshotter().equals("copy")) {
      Path fs = Files.createDirectories(rw.resolve("fs"));
      if (chain.isPresent()) {
        Path source = Path.of(snapshotter.view(chain.get().toString()).get(0).source());
        TreeCopy.copy(source, fs, "the image for the container");
      }
    } else {
      Files.createDirectories(rw.resolve("upper"));
      Files.createDirectories(rw.resolve("work"));
    }
  }

  /**
   * Mounts the root at {@code target}: the container's layer over the image's snapshots, or over
   * {@code mappedLower} (a {@link MappedRoots} copy) when given.
   */
  static void mount(
      Path containerDir,
      ContainerSpec spec,
      Snapshotter snapshotter,
      Path target,
      Optional<Path> mappedLower)
      throws IOException {
    Files.createDirectories(target);
    Path rw = containerDir.resolve("rw");
    if (spec.snapshotter().equals("copy")) {
      Mounter.mount(bind(rw.resolve("fs")), target);
      return;
    }
    Optional<Digest> chain = chainOf(spec);
    if (chain.isEmpty()) {
      Mounter.mount(bind(rw.resolve("upper")), target);
      return;
    }
    String lower =
        mappedLower.isPresent()
            ? mappedLower.get().toString()
            : lowerOf(snapshotter.view(chain.get().toString()).get(0));
    Mounter.mount(
        new MountSpec(
            "overlay",
            "overlay",
            "/",
            List.of(
                "lowerdir=" + lower,
                "upperdir=" + rw.resolve("upper"),
                "workdir=" + rw.resolve("work"))),
        target);
  }

  private static String lowerOf(MountSpec view) {
    if (!view.type().equals("overlay")) {
      return view.source();
    }
    return view.options().stream()
        .filter(o -> o.startsWith("lowerdir="))
        .findFirst()
        .orElseThrow()
        .substring("lowerdir=".length());
  }

  /** Unmounts the root if it is mounted; nothing happens when it is not. */
  static void unmount(Path target) throws IOException {
    if (isMountPoint(target)) {
      Mounter.unmount(target);
    }
  }

  static boolean isMountPoint(Path target) throws IOException {
    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    String where = " " + target.toAbsolutePath().normalize() + " ";
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      if (line.contains(where)) {
        return true;
      }
    }
    return false;
  }

  static Optional<Digest> chainOf(ContainerSpec spec) {
    List<Digest> ids = ChainId.of(spec.diffIds());
    return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(ids.size() - 1));
  }

  private static MountSpec bind(Path dir) {
    return new MountSpec("bind", dir.toString(), "/", List.of("rbind", "rw"));
  }
}
