package dev.berth.solver.cache;

import dev.berth.diag.BerthException;
import dev.berth.image.BlobReader;
import dev.berth.image.BlobWriter;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.ImageFormatException;
import dev.berth.image.Index;
import dev.berth.image.Manifest;
import dev.berth.image.MediaType;
import dev.berth.image.json.ImageJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A build cache in an OCI image layout directory ({@code oci-layout}, {@code index.json}, {@code
 * blobs/sha256/}): the same manifest, config and layers a registry would hold.
 */
final class LocalCache {

  /** The tag the layout's index gives the cache manifest, as BuildKit's local cache does. */
  static final String TAG = "latest";

  private static final String REF_NAME = "org.opencontainers.image.ref.name";

  ImportedCache load(CacheLocation.Local at) throws IOException {
    Path dir = at.dir();
    String where = "cache " + dir;
    byte[] indexBytes;
    try {
      indexBytes = Files.readAllBytes(dir.resolve("index.json"));
    } catch (NoSuchFileException e) {
      throw BerthException.notFound(where + ": no index.json (not an OCI image layout)");
    }
    Index index;
    try {
      index = ImageJson.readIndex(indexBytes);
    } catch (ImageFormatException e) {
      throw BerthException.invalid(where + "/index.json: " + e.getMessage());
    }
    List<CacheEntry> records = new ArrayList<>();
    boolean found = false;
    for (Descriptor d : index.manifests()) {
      if (!d.mediaType().equals(MediaType.OCI_MANIFEST)) {
        continue;
      }
      Manifest m;
      try {
        m = ImageJson.readManifest(read(dir, d));
      } catch (ImageFormatException e) {
        throw BerthException.invalid(where + ": manifest " + d.digest() + ": " + e.getMessage());
      }
      if (!m.config().mediaType().equals(CacheMediaTypes.CONFIG)) {
        continue;
      }
      found = true;
      records.addAll(CacheArtifact.records(m, read(dir, m.config()), where));
    }
    if (!found) {
      throw BerthException.notFound(where + ": index.json lists no berth build cache");
    }
    return new ImportedCache(
        at,
        records,
        (layer, into) -> {
          try (InputStream in = Files.newInputStream(blob(dir, layer.digest()));
              BlobWriter w = into.writer()) {
            in.transferTo(w.stream());
            w.commit(layer.size(), layer.digest());
          } catch (NoSuchFileException e) {
            throw BerthException.notFound(where + ": layer " + layer.digest() + " is missing");
          }
        });
  }

  /**
   * Writes the blobs the directory lacks (a blob file is named by its digest, so one that exists
   * holds the same bytes), then replaces {@code index.json} atomically: a reader sees the old cache
   * or the new one. Blobs of earlier exports stay; removing the directory starts afresh.
   */
  void export(CacheLocation.Local at, CacheArtifact artifact, BlobReader layers)
      throws IOException {
    Path dir = at.dir();
    Files.createDirectories(dir.resolve("blobs").resolve("sha256"));
    for (Descriptor l : artifact.layers()) {
      Path file = blob(dir, l.digest());
      if (!Files.exists(file) || Files.size(file) != l.size()) {
        try (InputStream in = layers.open(l.digest())) {
          writeAtomically(dir, file, in);
        }
      }
    }
    writeBytes(dir, blob(dir, artifact.configDescriptor().digest()), artifact.config());
    writeBytes(dir, blob(dir, artifact.manifestDescriptor().digest()), artifact.manifest());
    writeBytes(
        dir,
        dir.resolve("oci-layout"),
        "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
    Index index =
        Index.oci(List.of(artifact.manifestDescriptor().withAnnotations(Map.of(REF_NAME, TAG))));
    writeBytes(dir, dir.resolve("index.json"), ImageJson.writeIndex(index));
  }

  private static byte[] read(Path dir, Descriptor d) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(blob(dir, d.digest()));
    } catch (NoSuchFileException e) {
      throw BerthException.notFound("cache " + dir + ": blob " + d.digest() + " is missing");
    }
    if (!Digest.sha256(bytes).equals(d.digest())) {
      throw BerthException.invalid(
          "cache " + dir + ": blob " + d.digest() + " does not match its digest");
    }
    return bytes;
  }

  private static Path blob(Path dir, Digest digest) {
    return dir.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
  }

  private static void writeBytes(Path dir, Path file, byte[] bytes) throws IOException {
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      writeAtomically(dir, file, in);
    }
  }

  private static void writeAtomically(Path dir, Path file, InputStream in) throws IOException {
    Path temp = Files.createTempFile(dir, ".berth-", ".partial");
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        in.transferTo(out);
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
