package dev.berth.solver;

import dev.berth.image.BlobWriter;
import dev.berth.layer.LayerDigests;
import dev.berth.layer.LayerWriter;
import dev.berth.layer.TarEntry;
import dev.berth.store.Store;
import java.io.IOException;
import java.util.List;

/** Writes a step's tar entries as a layer blob in the store. */
final class LayerFiles {

  private final Store store;
  private final LayerWriter writer;

  LayerFiles(Store store, LayerWriter writer) {
    this.store = store;
    this.writer = writer;
  }

  LayerMade write(List<TarEntry> entries) throws IOException {
    LayerDigests d;
    try (BlobWriter w = store.content().writer()) {
      d = writer.write(entries, w.stream());
      w.commit(d.blobSize(), d.blobDigest());
    }
    return new LayerMade(d.descriptor(), d.diffId());
  }

  LayerWriter writer() {
    return writer;
  }
}
