package dev.berth.container;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.layer.LayerDiffer;
import dev.berth.layer.TarEntry;
import dev.berth.mount.MountSpec;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ExitStatus;
import dev.berth.runtime.ProcessSpec;
import dev.berth.runtime.RootFs;
import dev.berth.runtime.RunningContainer;
import dev.berth.runtime.Stdio;
import dev.berth.store.ChainId;
import dev.berth.store.snapshot.Snapshotter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A fresh writable snapshot of an image's layers that a process runs on: the one path by which
 * {@code berth run}, a build's RUN step and (later) every container get their root. Closing it
 * removes the snapshot, unless it was committed as a new layer's snapshot.
 */
public final class Sandbox implements AutoCloseable {

  private final Snapshotter snapshotter;
  private final Optional<Digest> parentChain;
  private final String key;
  private final List<MountSpec> mounts;
  private boolean done;

  private Sandbox(
      Snapshotter snapshotter, Optional<Digest> parentChain, String key, List<MountSpec> mounts) {
    this.snapshotter = snapshotter;
    this.parentChain = parentChain;
    this.key = key;
    this.mounts = List.copyOf(mounts);
  }

  /** Unpacks the layers that are not unpacked yet and prepares a writable snapshot on them. */
  public static Sandbox prepare(
      Snapshotter snapshotter, List<Descriptor> layers, List<Digest> diffIds, String purpose)
      throws IOException {
    Optional<Digest> chain = snapshotter.unpackChain(layers, diffIds);
    String key = purpose + "-" + UUID.randomUUID();
    List<MountSpec> mounts = snapshotter.prepare(key, chain.map(Digest::toString).orElse(""));
    return new Sandbox(snapshotter, chain, key, mounts);
  }

  /** The root the runtime mounts for the process. */
  public RootFs root() {
    return RootFs.mounts(mounts);
  }

  public ExitStatus run(ContainerRuntime runtime, ProcessSpec spec, Stdio stdio)
      throws IOException, InterruptedException {
    return runtime.run(spec, root(), stdio);
  }

  public RunningContainer start(ContainerRuntime runtime, ProcessSpec spec, Stdio stdio)
      throws IOException, InterruptedException {
    return runtime.start(spec, root(), stdio);
  }

  /** The directory the process's writes landed in. */
  public Path writable() throws IOException {
    return LayerDiffer.writable(mounts);
  }

  /** The read-only trees below {@link #writable}, nearest first. */
  public List<Path> below() throws IOException {
    return LayerDiffer.below(snapshotter.parentMounts(key), mounts);
  }

  /** What the process changed, as layer entries. */
  public List<TarEntry> changes() throws IOException {
    return LayerDiffer.changes(snapshotter.parentMounts(key), mounts);
  }

  /**
   * Keeps the tree as the snapshot of the layer with {@code diffId} on top of the image's layers;
   * where another build committed the same chain first, that one is kept and this one dropped.
   */
  public void commit(Digest diffId) throws IOException {
    Digest chain = parentChain.isPresent() ? ChainId.next(parentChain.get(), diffId) : diffId;
    // Committing holds the name for this store session first, even when another build has
    // committed it already and this tree is dropped.
    try {
      snapshotter.commit(chain.toString(), key);
    } catch (BerthException e) {
      if (e.kind() != ErrorKind.CONFLICT) {
        throw e;
      }
      snapshotter.remove(key);
    }
    done = true;
  }

  @Override
  public void close() throws IOException {
    if (!done) {
      done = true;
      snapshotter.remove(key);
    }
  }
}
