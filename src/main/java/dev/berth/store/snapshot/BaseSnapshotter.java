package dev.berth.store.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.BlobReader;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.layer.DiffIds;
import dev.berth.mount.MountSpec;
import dev.berth.store.AtomicFiles;
import dev.berth.store.ChainId;
import dev.berth.store.Reachable;
import dev.berth.store.Store;
import dev.berth.store.StoreLayout;
import dev.berth.store.Swept;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What both snapshotters share: committed snapshots as {@code snapshots/<driver>/<id>/} holding
 * {@code fs/} and a metadata file, active ones in the store session's temp directory, commits by
 * atomic rename, removal by renaming out first, and chain unpacking. Subclasses decide what an
 * active tree starts with and how it is mounted.
 */
abstract class BaseSnapshotter implements Snapshotter {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FS = "fs";

  /** An active snapshot: its key, its directory (with {@code fs/}), its parent's name or "". */
  record Active(String key, Path dir, String parent, Instant created) {
    Path fs() {
      return dir.resolve(FS);
    }
  }

  /** A committed snapshot as read from its metadata. */
  record Committed(String name, String parent, Instant created, Path dir) {
    Path fs() {
      return dir.resolve(FS);
    }
  }

  private final Store store;
  private final BlobReader blobs;
  private final LayerUnpacker unpacker;
  private final Path committedRoot;
  private final Map<String, Active> actives = new ConcurrentHashMap<>();

  BaseSnapshotter(Store store, LayerUnpacker unpacker, String driver) throws IOException {
    this.store = store;
    this.blobs = store.content();
    this.unpacker = unpacker;
    this.committedRoot = store.layout().snapshots(driver);
    Files.createDirectories(committedRoot);
  }

  /** Fills a new active tree from its parent chain (nearest first); may do nothing. */
  abstract void populate(Path fs, List<Path> parentChain) throws IOException;

  /** Creates what the active snapshot needs beside {@code fs/}. */
  abstract void prepareDir(Path dir) throws IOException;

  abstract List<MountSpec> mountsOf(Active active, List<Path> parentChain) throws IOException;

  /** Read-only mounts of a non-empty parent chain (nearest first). */
  abstract List<MountSpec> parentMountsOf(List<Path> parentChain) throws IOException;

  abstract UnpackTarget targetOf(Active active, List<Path> parentChain);

  /** Removes what must not be committed beside {@code fs/}, such as overlay's work dir. */
  abstract void cleanBeforeCommit(Path dir) throws IOException;

  @Override
  public List<MountSpec> prepare(String key, String parent) throws IOException {
    checkName("key", key);
    if (actives.containsKey(key) || committed(key).isPresent()) {
      throw new BerthException(ErrorKind.CONFLICT, "snapshot " + key + ": already exists");
    }
    hold(parent);
    List<Path> chain = parentChain(parent);
    Path dir = store.newTempPath("snapshot");
    Active active = new Active(key, dir, parent, Instant.now());
    try {
      Files.createDirectories(active.fs());
      prepareDir(dir);
      populate(active.fs(), chain);
      if (actives.putIfAbsent(key, active) != null) {
        throw new BerthException(ErrorKind.CONFLICT, "snapshot " + key + ": already exists");
      }
    } catch (IOException | RuntimeException e) {
      AtomicFiles.deleteTree(dir);
      throw e;
    }
    return mountsOf(active, chain);
  }

  @Override
  public List<MountSpec> mounts(String key) throws IOException {
    Active active = active(key);
    return mountsOf(active, parentChain(active.parent()));
  }

  @Override
  public List<MountSpec> view(String name) throws IOException {
    hold(name);
    committedOrThrow(name);
    return parentMountsOf(parentChain(name));
  }

  @Override
  public List<MountSpec> parentMounts(String key) throws IOException {
    List<Path> chain = parentChain(active(key).parent());
    return chain.isEmpty() ? List.of() : parentMountsOf(chain);
  }

  @Override
  public void commit(String name, String key) throws IOException {
    checkName("name", name);
    Active active = active(key);
    hold(name);
    cleanBeforeCommit(active.dir());
    ObjectNode meta = JSON.createObjectNode();
    meta.put("name", name);
    meta.put("parent", active.parent());
    if (Digest.isValid(name)) {
      meta.put("chainId", name);
    }
    meta.put("created", Instant.now().toString());
    Files.write(active.dir().resolve(StoreLayout.SNAPSHOT_METADATA), JSON.writeValueAsBytes(meta));
    // A kill -9 keeps the page cache; a power cut does not, so the tree is flushed before the
    // rename makes it visible.
    AtomicFiles.fsyncTree(active.dir());
    boolean reused = false;
    try (var held = store.lock().acquire()) {
      if (committed(name).isPresent()) {
        reused = reuse(name);
      } else {
        if (!active.parent().isEmpty() && committed(active.parent()).isEmpty()) {
          throw new BerthException(
              ErrorKind.FAILED_PRECONDITION,
              "snapshot " + key + ": parent " + active.parent() + " was removed");
        }
        try {
          AtomicFiles.move(active.dir(), dirOf(name));
        } catch (FileSystemException e) {
          // rename(2) onto a directory that is there says ENOTEMPTY, which Java reports as a
          // plain FileSystemException, not DirectoryNotEmptyException.
          if (!Files.exists(dirOf(name), LinkOption.NOFOLLOW_LINKS)) {
            throw e;
          }
          reused = reuse(name);
        }
      }
      actives.remove(key);
    }
    if (reused) {
      AtomicFiles.deleteTree(active.dir());
    }
  }

  /**
   * Whether a commit under {@code name}, which another thread or process committed first, may keep
   * theirs: a chain ID names content, so theirs is the same tree (layers are checked against their
   * diff IDs before they get one); any other name taken twice is a conflict.
   */
  private static boolean reuse(String name) throws BerthException {
    if (!Digest.isValid(name)) {
      throw new BerthException(ErrorKind.CONFLICT, "snapshot " + name + ": already exists");
    }
    return true;
  }

  @Override
  public void remove(String keyOrName) throws IOException {
    Active active = actives.remove(keyOrName);
    if (active != null) {
      AtomicFiles.deleteTree(active.dir());
      return;
    }
    try (var held = store.lock().acquire()) {
      Committed c = committedOrThrow(keyOrName);
      for (Committed other : committedAll()) {
        if (other.parent().equals(keyOrName)) {
          throw childrenError(keyOrName, other.name());
        }
      }
      for (Active a : actives.values()) {
        if (a.parent().equals(keyOrName)) {
          throw childrenError(keyOrName, a.key());
        }
      }
      discard(c);
    }
  }

  @Override
  public SnapshotInfo stat(String keyOrName) throws IOException {
    Active active = actives.get(keyOrName);
    if (active != null) {
      return info(active);
    }
    return info(committedOrThrow(keyOrName));
  }

  @Override
  public Path tree(String name) throws IOException {
    return committedOrThrow(name).fs();
  }

  @Override
  public List<SnapshotInfo> list() throws IOException {
    List<SnapshotInfo> out = new ArrayList<>();
    for (Committed c : committedAll()) {
      out.add(info(c));
    }
    for (Active a : actives.values()) {
      out.add(info(a));
    }
    out.sort(Comparator.comparing(SnapshotInfo::name));
    return out;
  }

  @Override
  public Optional<Digest> unpackChain(List<Descriptor> layers, List<Digest> diffIds)
      throws IOException {
    if (layers.size() != diffIds.size()) {
      throw new BerthException(
          ErrorKind.INVALID_INPUT,
          "layer chain: " + layers.size() + " layers but " + diffIds.size() + " diff IDs");
    }
    List<Digest> chainIds = ChainId.of(diffIds);
    String parent = "";
    for (int i = 0; i < layers.size(); i++) {
      String name = chainIds.get(i).toString();
      hold(name);
      if (committed(name).isEmpty()) {
        unpackOne(layers.get(i), diffIds.get(i), i, layers.size(), name, parent);
      }
      parent = name;
    }
    return chainIds.isEmpty() ? Optional.empty() : Optional.of(chainIds.get(chainIds.size() - 1));
  }

  private void unpackOne(
      Descriptor layer, Digest diffId, int index, int count, String name, String parent)
      throws IOException {
    String key = "unpack-" + name + "-" + UUID.randomUUID();
    prepare(key, parent);
    try {
      Active active = actives.get(key);
      UnpackTarget target = targetOf(active, parentChain(parent));
      try (VerifyingInputStream in = new VerifyingInputStream(blobs.open(layer.digest()), layer)) {
        Digest actual = unpacker.unpack(layer.digest(), in, target);
        in.finish();
        // The snapshot is named by the claimed diff ID: content that differs must never get the
        // name, or the image whose layer it really is would run on it.
        if (!actual.equals(diffId)) {
          throw DiffIds.mismatch("unpack", index, count, layer.digest(), actual, diffId);
        }
      }
      commit(name, key);
    } catch (BerthException e) {
      remove(key);
      throw e.code().equals(DiffIds.MISMATCH)
          ? e
          : e.wrap("layer " + (index + 1) + " of " + count + " (" + layer.digest() + ")");
    } catch (IOException | RuntimeException e) {
      remove(key);
      throw e;
    }
  }

  /**
   * Removes committed snapshots that no reachable chain ID names and that no kept snapshot or
   * active snapshot of this session builds on; children go before their parents.
   */
  @Override
  public Swept sweep(Reachable reachable) throws IOException {
    Map<String, Committed> all = new TreeMap<>();
    for (Committed c : committedAll()) {
      all.put(c.name(), c);
    }
    Set<String> keep = new HashSet<>();
    for (Committed c : all.values()) {
      if (Digest.isValid(c.name()) && reachable.chainIds().contains(Digest.parse(c.name()))) {
        keepWithAncestors(c.name(), all, keep);
      }
    }
    for (Active a : actives.values()) {
      keepWithAncestors(a.parent(), all, keep);
    }
    Swept swept = Swept.NONE;
    boolean progress = true;
    while (progress) {
      progress = false;
      for (Committed c : List.copyOf(all.values())) {
        boolean hasChild = all.values().stream().anyMatch(o -> o.parent().equals(c.name()));
        if (!keep.contains(c.name()) && !hasChild) {
          long bytes = AtomicFiles.treeSize(c.dir());
          discard(c);
          all.remove(c.name());
          swept = swept.plus(1, bytes);
          progress = true;
        }
      }
    }
    return swept;
  }

  /**
   * Holds a snapshot named by a chain ID for this store session before it is relied on or made, so
   * another process's collector keeps it until a ref reaches it.
   */
  private void hold(String name) throws IOException {
    if (Digest.isValid(name)) {
      store.holdSnapshot(Digest.parse(name));
    }
  }

  private static void keepWithAncestors(String name, Map<String, Committed> all, Set<String> keep) {
    String n = name;
    while (!n.isEmpty() && keep.add(n) && all.containsKey(n)) {
      n = all.get(n).parent();
    }
  }

  /** The committed snapshots from {@code parent} down to the bottom of its chain. */
  private List<Path> parentChain(String parent) throws IOException {
    List<Path> chain = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String p = parent;
    while (!p.isEmpty()) {
      if (!seen.add(p)) {
        throw new BerthException(
            ErrorKind.FAILED_PRECONDITION, "snapshot " + parent + ": corrupt: parent loop");
      }
      Optional<Committed> c = committed(p);
      if (c.isEmpty()) {
        throw new BerthException(ErrorKind.NOT_FOUND, "snapshot parent " + p + ": not found");
      }
      chain.add(c.get().fs());
      p = c.get().parent();
    }
    return chain;
  }

  /** Renames a committed snapshot out of sight first, so a crash never leaves half of it. */
  private void discard(Committed c) throws IOException {
    Path trash = store.newTempPath("trash");
    AtomicFiles.move(c.dir(), trash);
    AtomicFiles.fsyncDir(c.dir().getParent());
    AtomicFiles.deleteTree(trash);
  }

  private Active active(String key) throws BerthException {
    Active a = actives.get(key);
    if (a == null) {
      throw new BerthException(ErrorKind.NOT_FOUND, "active snapshot " + key + ": not found");
    }
    return a;
  }

  private Committed committedOrThrow(String name) throws IOException {
    return committed(name)
        .orElseThrow(
            () -> new BerthException(ErrorKind.NOT_FOUND, "snapshot " + name + ": not found"));
  }

  private Optional<Committed> committed(String name) throws IOException {
    Path dir = dirOf(name);
    return readCommitted(dir);
  }

  private List<Committed> committedAll() throws IOException {
    List<Committed> out = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(committedRoot)) {
      for (Path dir : dirs) {
        readCommitted(dir).ifPresent(out::add);
      }
    }
    return out;
  }

  private Optional<Committed> readCommitted(Path dir) throws IOException {
    Path meta = dir.resolve(StoreLayout.SNAPSHOT_METADATA);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(meta);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      JsonNode n = JSON.readTree(bytes);
      return Optional.of(
          new Committed(
              n.get("name").asText(),
              n.path("parent").asText(""),
              Instant.parse(n.get("created").asText()),
              dir));
    } catch (IOException | RuntimeException e) {
      throw new BerthException(
          ErrorKind.FAILED_PRECONDITION,
          "snapshot metadata " + meta + ": corrupt: " + e.getMessage(),
          e);
    }
  }

  /** A digest name keeps its hex as directory name, so the tree is readable by hand. */
  private Path dirOf(String name) {
    String id =
        Digest.isValid(name)
            ? Digest.parse(name).hex()
            : Digest.sha256(name.getBytes(StandardCharsets.UTF_8)).hex();
    return committedRoot.resolve(id);
  }

  private static SnapshotInfo info(Active a) {
    return new SnapshotInfo(a.key(), parentOf(a.parent()), SnapshotInfo.Kind.ACTIVE, a.created());
  }

  private static SnapshotInfo info(Committed c) {
    return new SnapshotInfo(
        c.name(), parentOf(c.parent()), SnapshotInfo.Kind.COMMITTED, c.created());
  }

  private static Optional<String> parentOf(String parent) {
    return parent.isEmpty() ? Optional.empty() : Optional.of(parent);
  }

  private static BerthException childrenError(String name, String child) {
    return new BerthException(
        ErrorKind.FAILED_PRECONDITION,
        "snapshot " + name + ": cannot remove, " + child + " builds on it");
  }

  private static void checkName(String what, String value) throws BerthException {
    if (value == null || value.isEmpty()) {
      throw new BerthException(ErrorKind.INVALID_INPUT, "snapshot " + what + " must not be empty");
    }
  }
}
