package dev.berth.archive;

import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.History;
import dev.berth.image.ImageConfig;
import dev.berth.image.Manifest;
import dev.berth.image.MediaType;
import dev.berth.image.Platform;
import dev.berth.image.json.ImageJson;
import dev.berth.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Small images made by hand in a store, for archive tests. */
final class TestImages {

  /** A stored image: its manifest descriptor and parsed manifest. */
  record Made(Descriptor manifestDescriptor, Manifest manifest, Digest diffId) {}

  private TestImages() {}

  static byte[] tar(Map<String, String> files) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        byte[] content = f.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(f.getKey());
        e.setSize(content.length);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  /** An image of one gzip layer holding the given files. */
  static Made make(Store store, Map<String, String> files) throws IOException {
    byte[] layerTar = tar(files);
    byte[] layer = gzip(layerTar);
    Digest diffId = Digest.sha256(layerTar);
    Digest layerDigest = store.content().put(layer);
    ImageConfig config =
        ImageConfig.scratch(Platform.LINUX_AMD64)
            .withCreated(Instant.parse("2024-01-02T03:04:05Z"))
            .withLayer(diffId, History.layer(Instant.parse("2024-01-02T03:04:05Z"), "test", ""));
    byte[] configBytes = ImageJson.writeConfig(config);
    store.content().put(configBytes);
    Descriptor configDescriptor = ImageJson.descriptor(MediaType.OCI_CONFIG, configBytes);
    Manifest manifest =
        Manifest.oci(
            configDescriptor,
            List.of(new Descriptor(MediaType.OCI_LAYER_GZIP, layerDigest, layer.length)));
    byte[] manifestBytes = ImageJson.writeManifest(manifest);
    store.content().put(manifestBytes);
    return new Made(ImageJson.descriptor(MediaType.OCI_MANIFEST, manifestBytes), manifest, diffId);
  }
}
