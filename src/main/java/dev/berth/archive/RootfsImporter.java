package dev.berth.archive;

import dev.berth.diag.BerthException;
import dev.berth.image.BlobWriter;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.History;
import dev.berth.image.ImageConfig;
import dev.berth.image.Manifest;
import dev.berth.image.MediaType;
import dev.berth.image.Platform;
import dev.berth.image.json.ImageJson;
import dev.berth.layer.LayerApplier;
import dev.berth.layer.LayerDigests;
import dev.berth.layer.LayerWriter;
import dev.berth.store.AtomicFiles;
import dev.berth.store.ContentStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a root file system (a directory, or a tar in any compression) into a one-layer image, as
 * {@code docker import} does. A tar is first extracted with the safe applier, so a hostile tar is
 * refused and the layer is written deterministically either way.
 */
public final class RootfsImporter {

  private final ContentStore content;
  private final Path tempDir;
  private final Set<Digest> added = new LinkedHashSet<>();

  public RootfsImporter(ContentStore content, Path tempDir) {
    this.content = content;
    this.tempDir = tempDir;
  }

  /**
   * @param created the image's creation time (SOURCE_DATE_EPOCH, or now)
   */
  public ImportedImage importRootfs(Path source, Instant created) throws IOException {
    added.clear();
    try {
      return importOnce(source, created);
    } catch (IOException | RuntimeException e) {
      discard();
      throw e;
    }
  }

  /**
   * Removes the blobs the last import added, for a caller whose own step after it failed, so the
   * store is as it was before.
   */
  public void discard() {
    for (Digest d : added) {
      try {
        content.delete(d);
      } catch (IOException | RuntimeException ignored) {
        // Unreferenced, so garbage collection removes it later.
      }
    }
    added.clear();
  }

  private ImportedImage importOnce(Path source, Instant created) throws IOException {
    if (!Files.exists(source)) {
      throw ArchiveErrors.bad(source + ": no such file or directory");
    }
    if (Files.isDirectory(source)) {
      return fromDirectory(source, source, created);
    }
    Files.createDirectories(tempDir);
    Path tree = Files.createTempDirectory(tempDir, "import-");
    try {
      try (InputStream in = Files.newInputStream(source)) {
        new LayerApplier().apply(in, tree);
      } catch (BerthException e) {
        throw ArchiveErrors.bad(source + ": " + e.getMessage());
      }
      return fromDirectory(tree, source, created);
    } finally {
      AtomicFiles.deleteTree(tree);
    }
  }

  private ImportedImage fromDirectory(Path dir, Path source, Instant created) throws IOException {
    // Uncompressed, as built layers are kept; compressed when the image leaves (store.LayerForms).
    LayerWriter writer = new LayerWriter(LayerWriter.Options.of(MediaType.Compression.NONE));
    LayerDigests layer;
    try (BlobWriter w = content.writer()) {
      layer = writer.writeTree(dir, List.of(), w.stream());
      boolean existed = content.exists(layer.blobDigest());
      w.commit(layer.blobSize(), layer.blobDigest());
      if (!existed) {
        added.add(layer.blobDigest());
      }
    }
    ImageConfig config =
        ImageConfig.scratch(Platform.LINUX_AMD64)
            .withCreated(created)
            .withLayer(
                layer.diffId(),
                History.layer(
                    created,
                    "berth import " + source.getFileName(),
                    "Imported from " + source.getFileName()));
    byte[] configBytes = ImageJson.writeConfig(config);
    put(configBytes);
    Descriptor configDescriptor = ImageJson.descriptor(MediaType.OCI_CONFIG, configBytes);
    byte[] manifestBytes =
        ImageJson.writeManifest(Manifest.oci(configDescriptor, List.of(layer.descriptor())));
    put(manifestBytes);
    return new ImportedImage(
        ImageJson.descriptor(MediaType.OCI_MANIFEST, manifestBytes),
        configDescriptor.digest(),
        layer.diffId());
  }

  private void put(byte[] bytes) throws IOException {
    Digest d = Digest.sha256(bytes);
    if (!content.exists(d)) {
      content.put(bytes);
      added.add(d);
    }
  }
}
