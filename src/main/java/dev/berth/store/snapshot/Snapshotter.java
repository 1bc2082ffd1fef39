package dev.berth.store.snapshot;

import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.mount.MountSpec;
import dev.berth.store.Sweepable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * File trees for layer chains, in containerd's model: {@link #prepare} makes a writable active
 * snapshot on top of a committed parent and describes how to mount it (it never mounts); {@link
 * #commit} turns it into a read-only committed snapshot under a name, by convention the chain ID.
 * Keys and names share one namespace. Committed snapshots persist in the store; active ones belong
 * to the store session that prepared them and vanish when it closes. Unmount before committing or
 * removing.
 */
public interface Snapshotter extends Sweepable {

  /**
   * Creates an active snapshot.
   *
   * @param parent the committed parent's name, or "" for an empty tree
   */
  List<MountSpec> prepare(String key, String parent) throws IOException;

  /** The mounts of an active snapshot. */
  List<MountSpec> mounts(String key) throws IOException;

  /**
   * Read-only mounts of an active snapshot's parent, for comparing the two (a differ's lower side);
   * empty when the snapshot has no parent.
   */
  List<MountSpec> parentMounts(String key) throws IOException;

  /**
   * Read-only mounts of the committed snapshot {@code name}, for reading its tree; nothing is
   * prepared, so there is nothing to remove afterwards.
   */
  List<MountSpec> view(String name) throws IOException;

  /**
   * Turns the active snapshot {@code key} into the committed snapshot {@code name}. When {@code
   * name} is a chain ID that another thread or process committed first, theirs is kept and {@code
   * key} is dropped (a chain ID names content); any other name taken is a conflict.
   */
  void commit(String name, String key) throws IOException;

  /** Removes an active or committed snapshot; a committed one must have no children. */
  void remove(String keyOrName) throws IOException;

  SnapshotInfo stat(String keyOrName) throws IOException;

  /**
   * The directory of the committed snapshot {@code name}'s own files, for checking it against its
   * layer: the layer's changes for overlay (the lower directory), the whole tree for full copies.
   */
  Path tree(String name) throws IOException;

  /** Every snapshot this snapshotter knows, sorted by name. */
  List<SnapshotInfo> list() throws IOException;

  /**
   * Makes sure a committed snapshot exists for every prefix of the layer chain, extracting each
   * missing layer once (staged, then renamed into place) and reusing existing ones.
   *
   * @return the chain ID of the whole stack, which names its snapshot; empty for no layers
   */
  Optional<Digest> unpackChain(List<Descriptor> layers, List<Digest> diffIds) throws IOException;
}
