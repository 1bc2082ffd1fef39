package dev.berth.store.snapshot;

import dev.berth.mount.MountSpec;
import dev.berth.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    // cp -a keeps what a Java copy loses: hard links, xattrs, device nodes and owners.
    Process p =
        new ProcessBuilder(
                "cp", "-a", "--reflink=auto", "--", parentChain.get(0) + "/.", fs.toString())
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int rc;
    try {
      rc = p.waitFor();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while copying snapshot " + parentChain.get(0), e);
    }
    if (rc != 0) {
      throw new IOException(
          "copying snapshot "
              + parentChain.get(0)
              + " failed (cp exit "
              + rc
              + "): "
              + output.strip());
    }
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
