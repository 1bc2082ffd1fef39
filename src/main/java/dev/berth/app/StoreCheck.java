package dev.berth.app;

import dev.berth.diag.BerthException;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.ImageReference;
import dev.berth.layer.Compression;
import dev.berth.layer.DiffIds;
import dev.berth.layer.LayerTreeCheck;
import dev.berth.store.BlobInfo;
import dev.berth.store.ChainId;
import dev.berth.store.LocalImages;
import dev.berth.store.Ref;
import dev.berth.store.Store;
import dev.berth.store.StoreLock;
import dev.berth.store.StoredImage;
import dev.berth.store.snapshot.OverlaySnapshotter;
import dev.berth.store.snapshot.SnapshotInfo;
import dev.berth.store.snapshot.Snapshotter;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code berth system check}: verifies the store and, with repair, removes what is broken.
 *
 * <ul>
 *   <li>every blob: its bytes hash to its name (SHA-256);
 *   <li>every ref: its manifest (through any index, for the host platform), config and layers are
 *       present and intact, the config lists one diff ID per layer, and each layer's uncompressed
 *       digest is the diff ID the config claims;
 *   <li>every committed snapshot that a ref's layer chain names: its parent is the chain's previous
 *       snapshot and its tree holds the layer's entries as the layer has them ({@link
 *       LayerTreeCheck} says exactly which parts of an entry are compared). A snapshot no ref names
 *       has no layer to compare with and is counted as not verified.
 * </ul>
 *
 * Repair removes corrupt blobs, then refs that no longer resolve, then bad snapshots with the
 * snapshots built on them (the next use unpacks them again from the layer).
 */
final class StoreCheck {

  /** A layer as a chain reaches it: the snapshot name, its parent's, the blob and diff ID. */
  private record ChainLayer(String parent, Descriptor layer, Digest diffId) {}

  private final Store store;
  private final List<Snapshotter> snapshotters;
  private final List<CheckReport.Problem> problems = new ArrayList<>();
  private final List<String> repaired = new ArrayList<>();

  StoreCheck(Store store, List<Snapshotter> snapshotters) {
    this.store = store;
    this.snapshotters = snapshotters;
  }

  CheckReport run(boolean repair) throws IOException {
    try (StoreLock.Held held = store.lock().acquire()) {
      int blobs = store.content().list().size();
      Set<Digest> corrupt = checkBlobs(repair);
      Map<String, ChainLayer> chains = new LinkedHashMap<>();
      int refs = checkRefs(corrupt, chains, repair);
      int[] snaps = checkSnapshots(chains, repair);
      return new CheckReport(blobs, refs, snaps[0], snaps[1], problems, repaired, repair);
    }
  }

  private Set<Digest> checkBlobs(boolean repair) throws IOException {
    Set<Digest> corrupt = new TreeSet<>();
    for (BlobInfo b : store.content().list()) {
      try {
        store.content().verify(b.digest());
      } catch (BerthException e) {
        corrupt.add(b.digest());
        problems.add(new CheckReport.Problem("blob", b.digest().toString(), e.getMessage()));
        if (repair) {
          store.content().delete(b.digest());
          repaired.add("removed corrupt blob " + b.digest());
        }
      }
    }
    return corrupt;
  }

  private int checkRefs(Set<Digest> corrupt, Map<String, ChainLayer> chains, boolean repair)
      throws IOException {
    LocalImages local = new LocalImages(store);
    Map<Digest, Object> diffIdChecked = new HashMap<>();
    List<Ref> refs = store.refs().list();
    for (Ref ref : refs) {
      Optional<String> problem;
      StoredImage img = null;
      if (corrupt.contains(ref.descriptor().digest())) {
        problem = Optional.of("its target " + ref.descriptor().digest() + " is corrupt");
      } else {
        try {
          img = local.resolve(List.of(ref.name()), ref.descriptor());
          problem = imageProblem(img, corrupt, diffIdChecked);
        } catch (BerthException e) {
          problem = Optional.of(e.getMessage());
        }
      }
      if (problem.isPresent()) {
        problems.add(new CheckReport.Problem("ref", familiar(ref.name()), problem.get()));
        if (repair) {
          store.refs().delete(ref.name());
          repaired.add("removed broken ref " + familiar(ref.name()));
        }
        continue;
      }
      List<Digest> ids = ChainId.of(img.config().diffIds());
      for (int i = 0; i < ids.size(); i++) {
        chains.putIfAbsent(
            ids.get(i).toString(),
            new ChainLayer(
                i == 0 ? "" : ids.get(i - 1).toString(),
                img.manifest().layers().get(i),
                img.config().diffIds().get(i)));
      }
    }
    return refs.size();
  }

  private Optional<String> imageProblem(
      StoredImage img, Set<Digest> corrupt, Map<Digest, Object> diffIdChecked) throws IOException {
    List<Descriptor> parts = new ArrayList<>();
    parts.add(img.manifestDescriptor());
    parts.add(img.manifest().config());
    parts.addAll(img.manifest().layers());
    for (Descriptor d : parts) {
      if (corrupt.contains(d.digest())) {
        return Optional.of(d.digest() + " is corrupt");
      }
      if (!store.content().exists(d.digest())) {
        return Optional.of(d.digest() + " is missing");
      }
    }
    List<Digest> diffIds = img.config().diffIds();
    if (diffIds.size() != img.manifest().layers().size()) {
      return Optional.of(
          "the manifest lists "
              + img.manifest().layers().size()
              + " layers, the config "
              + diffIds.size()
              + " diff IDs");
    }
    for (int i = 0; i < diffIds.size(); i++) {
      Digest blob = img.manifest().layers().get(i).digest();
      Digest claimed = diffIds.get(i);
      // A layer shared by many images is uncompressed once: its digest, or why it cannot be.
      Object actual = diffIdChecked.get(blob);
      if (actual == null) {
        actual = uncompressedDigest(blob);
        diffIdChecked.put(blob, actual);
      }
      if (actual instanceof String why) {
        return Optional.of("layer " + (i + 1) + ": " + why);
      }
      if (!actual.equals(claimed)) {
        return Optional.of(
            "layer "
                + (i + 1)
                + ": "
                + blob
                + " uncompresses to "
                + actual
                + ", the config claims "
                + claimed);
      }
    }
    return Optional.empty();
  }

  /** The layer's diff ID, or a message saying why it cannot be read. */
  private Object uncompressedDigest(Digest blob) throws IOException {
    try {
      return DiffIds.of(store.content(), blob);
    } catch (BerthException e) {
      return e.getMessage();
    }
  }

  /** Returns {verified, not verifiable}. */
  private int[] checkSnapshots(Map<String, ChainLayer> chains, boolean repair) throws IOException {
    int verified = 0;
    int unverified = 0;
    for (Snapshotter s : snapshotters) {
      String driver = s instanceof OverlaySnapshotter ? "overlay" : "copy";
      List<SnapshotInfo> all = s.list();
      List<String> bad = new ArrayList<>();
      for (SnapshotInfo info : all) {
        if (info.kind() != SnapshotInfo.Kind.COMMITTED) {
          continue;
        }
        ChainLayer chain = chains.get(info.name());
        if (chain == null || !store.content().exists(chain.layer().digest())) {
          unverified++;
          continue;
        }
        verified++;
        Optional<String> problem = snapshotProblem(s, info, chain);
        if (problem.isPresent()) {
          problems.add(
              new CheckReport.Problem("snapshot", driver + "/" + info.name(), problem.get()));
          bad.add(info.name());
        }
      }
      if (repair) {
        for (String name : withDescendants(bad, all)) {
          s.remove(name);
          repaired.add("removed bad snapshot " + driver + "/" + name);
        }
      }
    }
    return new int[] {verified, unverified};
  }

  private Optional<String> snapshotProblem(Snapshotter s, SnapshotInfo info, ChainLayer chain)
      throws IOException {
    String parent = info.parent().orElse("");
    if (!parent.equals(chain.parent())) {
      return Optional.of(
          "its parent is "
              + (parent.isEmpty() ? "none" : parent)
              + ", its chain says "
              + (chain.parent().isEmpty() ? "none" : chain.parent()));
    }
    LayerTreeCheck.Result r;
    try (InputStream in = Compression.decompressed(store.content().open(chain.layer().digest()))) {
      r = LayerTreeCheck.compare(in, s.tree(info.name()));
    } catch (BerthException e) {
      return Optional.of("its layer cannot be read: " + e.getMessage());
    }
    if (!r.diffId().equals(chain.diffId())) {
      return Optional.of(
          "its layer " + chain.layer().digest() + " is not the diff ID " + chain.diffId());
    }
    if (!r.differences().isEmpty()) {
      return Optional.of(
          "differs from layer "
              + chain.layer().digest()
              + ": "
              + String.join("; ", r.differences()));
    }
    return Optional.empty();
  }

  /** The names and every committed snapshot built on them, children first. */
  private static List<String> withDescendants(List<String> names, List<SnapshotInfo> all) {
    List<String> out = new ArrayList<>();
    for (String n : names) {
      addTree(n, all, out);
    }
    return out;
  }

  private static void addTree(String name, List<SnapshotInfo> all, List<String> out) {
    if (out.contains(name)) {
      return;
    }
    for (SnapshotInfo c : all) {
      if (c.kind() == SnapshotInfo.Kind.COMMITTED && c.parent().orElse("").equals(name)) {
        addTree(c.name(), all, out);
      }
    }
    out.add(name);
  }

  private static String familiar(String name) {
    try {
      return ImageReference.parse(name).familiar();
    } catch (IllegalArgumentException e) {
      return name;
    }
  }
}
