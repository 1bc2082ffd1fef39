package dev.berth.app;

import dev.berth.layer.LayerApplier;
import dev.berth.store.snapshot.LayerUnpacker;
import dev.berth.store.snapshot.UnpackTarget;
import java.io.FilterInputStream;
import java.io.IOException;

/** Wires the layer applier into the store's snapshotters. */
final class Snapshots {

  private Snapshots() {}

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

  private static void apply(LayerApplier applier, java.io.InputStream in, UnpackTarget target)
      throws IOException {
    if (target.lowers().isEmpty()) {
      applier.apply(in, target.root());
    } else {
      applier.applyAbove(in, target.root(), target.lowers());
    }
  }
}
