package dev.berth.app;

import dev.berth.image.Digest;
import dev.berth.layer.ApplyResult;
import dev.berth.layer.LayerApplier;
import dev.berth.mount.MountSpec;
import dev.berth.mount.Mounter;
import dev.berth.store.AtomicFiles;
import dev.berth.store.Store;
import dev.berth.store.snapshot.CopySnapshotter;
import dev.berth.store.snapshot.LayerUnpacker;
import dev.berth.store.snapshot.OverlaySnapshotter;
import dev.berth.store.snapshot.Snapshotter;
import dev.berth.store.snapshot.UnpackTarget;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one place that decides how snapshots are made: overlay where the kernel lets berth mount it,
 * else full copies. {@code BERTH_SNAPSHOTTER=overlay|copy} forces one.
 */
final class SnapshotChoice {

  /** The two ways berth keeps snapshots. */
  enum Kind {
    OVERLAY,
    COPY
  }

  private final Optional<Kind> forced;
  private volatile Kind probed;

  SnapshotChoice(Optional<String> forced) {
    this.forced = forced.filter(s -> !s.isBlank()).map(SnapshotChoice::parse);
  }

  private static Kind parse(String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "overlay", "overlayfs" -> Kind.OVERLAY;
      case "copy" -> Kind.COPY;
      default ->
          throw new IllegalArgumentException(
              "BERTH_SNAPSHOTTER must be overlay or copy, not '" + s + "'");
    };
  }

  /** The snapshotter for {@code store}. */
  Snapshotter open(Store store) throws IOException {
    return kind(store) == Kind.OVERLAY
        ? new OverlaySnapshotter(store, unpacker())
        : new CopySnapshotter(store, unpacker());
  }

  /** Every snapshotter, so garbage collection sweeps what either made. */
  List<Snapshotter> all(Store store) throws IOException {
    return List.of(
        new OverlaySnapshotter(store, unpacker()), new CopySnapshotter(store, unpacker()));
  }

  /** The kind {@code BERTH_SNAPSHOTTER} forces, if it does. */
  Optional<Kind> forced() {
    return forced;
  }

  Kind kind(Store store) throws IOException {
    if (forced.isPresent()) {
      return forced.get();
    }
    Kind k = probed;
    if (k == null) {
      k = canMountOverlay(store) ? Kind.OVERLAY : Kind.COPY;
      probed = k;
    }
    return k;
  }

  /** Mounts a tiny overlay in the store's temp directory and takes it down again. */
  private static boolean canMountOverlay(Store store) throws IOException {
    if (!LayerApplier.isRoot()) {
      return false;
    }
    Path dir = store.newTempPath("overlay-probe");
    Files.createDirectories(dir);
    try {
      for (String d : List.of("lower", "upper", "work", "merged")) {
        Files.createDirectories(dir.resolve(d));
      }
      Path merged = dir.resolve("merged");
      MountSpec probe =
          new MountSpec(
              "overlay",
              "overlay",
              "/",
              List.of(
                  "lowerdir=" + dir.resolve("lower"),
                  "upperdir=" + dir.resolve("upper"),
                  "workdir=" + dir.resolve("work")));
      try {
        Mounter.mount(probe, merged);
      } catch (IOException e) {
        return false;
      }
      Mounter.unmount(merged);
      return true;
    } finally {
      AtomicFiles.deleteTree(dir);
    }
  }

  /** Extracts layers with the safe applier; above overlay lowers it records overlay whiteouts. */
  static LayerUnpacker unpacker() {
    LayerApplier applier = new LayerApplier();
    // The store reads the rest of the blob after the applier is done, to verify its digest: the
    // applier must not close the stream it was given.
    return (blob, in, target) ->
        apply(
            applier,
            new FilterInputStream(in) {
              @Override
              public void close() {}
            },
            target);
  }

  private static Digest apply(LayerApplier applier, InputStream in, UnpackTarget target)
      throws IOException {
    ApplyResult r =
        target.lowers().isEmpty()
            ? applier.apply(in, target.root())
            : applier.applyAbove(in, target.root(), target.lowers());
    return r.diffId();
  }
}
