package dev.berth.store.snapshot;

import dev.berth.mount.MountSpec;
import dev.berth.mount.Mounter;
import dev.berth.store.AtomicFiles;
import dev.berth.store.Store;
import dev.berth.store.TreeCopy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Snapshots as overlay layers: each committed snapshot holds only its own changes, and an active
 * one is an empty upper directory over its parent chain. Needs a kernel with overlay and the right
 * to mount.
 *
 * <p>mount(2) takes its options in one page, so a long chain's {@code lowerdir} list does not fit
 * (about 35 layers with a store under {@code /tmp}). A chain that does not fit is folded: the
 * bottom layers, in whole blocks counted from the base, are replaced by a flattened copy of what
 * they show together, kept as {@code flat/} beside the {@code fs/} of the block's top snapshot and
 * reused by every chain that builds on it. The block size depends only on the store's path, so the
 * same folds serve every build.
 */
public final class OverlaySnapshotter extends BaseSnapshotter {

  static final String DRIVER = "overlay";
  private static final String WORK = "work";
  private static final String FLAT = "flat";

  /** The mount options page, less the terminating zero byte. */
  private static final int OPTIONS_LIMIT = 4095;

  private final Store store;
  private final int block;

  public OverlaySnapshotter(Store store, LayerUnpacker unpacker) throws IOException {
    super(store, unpacker, DRIVER);
    this.store = store;
    int lower = store.layout().snapshots(DRIVER).toString().length() + 1 + 64 + 1 + FLAT.length();
    int temp = store.newTempPath("snapshot").toString().length() + 64;
    int room = OPTIONS_LIMIT - 2 * temp - "lowerdir=,upperdir=,workdir=,ro".length();
    this.block = Math.max(1, room / (lower + 1) - 1);
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
  List<MountSpec> mountsOf(Active active, List<Path> parentChain) throws IOException {
    if (parentChain.isEmpty()) {
      // overlay needs at least one lower directory; an empty base is just the upper dir.
      return List.of(new MountSpec("bind", active.fs().toString(), "/", List.of("rbind", "rw")));
    }
    String upper = ",upperdir=" + active.fs() + ",workdir=" + active.dir().resolve(WORK);
    String lower = join(lowers(parentChain, upper.length()));
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
  List<MountSpec> parentMountsOf(List<Path> parentChain) throws IOException {
    List<Path> lowers = lowers(parentChain, ",ro".length());
    if (lowers.size() == 1) {
      return List.of(new MountSpec("bind", lowers.get(0).toString(), "/", List.of("rbind", "ro")));
    }
    return List.of(
        new MountSpec("overlay", "overlay", "/", List.of("ro", "lowerdir=" + join(lowers))));
  }

  @Override
  UnpackTarget targetOf(Active active, List<Path> parentChain) {
    return new UnpackTarget(active.fs(), parentChain);
  }

  @Override
  void cleanBeforeCommit(Path dir) throws IOException {
    AtomicFiles.deleteTree(dir.resolve(WORK));
  }

  /** The block size folds are made in (exposed for tests). */
  int block() {
    return block;
  }

  /**
   * The lower directories to mount for a chain (nearest first): the chain itself when its list fits
   * beside {@code otherOptions} bytes of other options, else its top layers over the flat copy of
   * the whole blocks below them.
   */
  List<Path> lowers(List<Path> chain, int otherOptions) throws IOException {
    if ("lowerdir=".length() + join(chain).getBytes(StandardCharsets.UTF_8).length + otherOptions
        <= OPTIONS_LIMIT) {
      return chain;
    }
    int n = chain.size();
    int folded = ((n - 1) / block) * block;
    List<Path> out = new ArrayList<>(chain.subList(0, n - folded));
    out.add(flat(chain, folded));
    return out;
  }

  /**
   * The flattened tree of the bottom {@code count} layers of {@code chain} (a multiple of the
   * block), made once from the block's layers over the flat tree below them.
   */
  private Path flat(List<Path> chain, int count) throws IOException {
    int n = chain.size();
    Path flat = chain.get(n - count).resolveSibling(FLAT);
    if (Files.isDirectory(flat)) {
      return flat;
    }
    List<Path> lowers = new ArrayList<>(chain.subList(n - count, n - count + block));
    if (count > block) {
      lowers.add(flat(chain, count - block));
    }
    Path work = store.newTempPath("flat");
    Path view = work.resolve("view");
    Path tree = work.resolve("tree");
    Files.createDirectories(view);
    Files.createDirectories(tree);
    try {
      Mounter.mount(
          new MountSpec("overlay", "overlay", "/", List.of("ro", "lowerdir=" + join(lowers))),
          view);
      try {
        TreeCopy.copy(view, tree, "the layers below " + chain.get(n - count));
      } finally {
        Mounter.unmount(view);
      }
      AtomicFiles.fsyncTree(tree);
      try {
        Files.move(tree, flat, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
        // Another build folded the same block first; its tree is the same.
      }
    } finally {
      AtomicFiles.deleteTree(work);
    }
    return flat;
  }

  private static String join(List<Path> dirs) {
    return dirs.stream().map(Path::toString).collect(Collectors.joining(":"));
  }
}
