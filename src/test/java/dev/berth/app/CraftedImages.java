package dev.berth.app;

import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.History;
import dev.berth.image.ImageConfig;
import dev.berth.image.Manifest;
import dev.berth.image.MediaType;
import dev.berth.image.Platform;
import dev.berth.image.json.ImageJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * One-layer images made by hand, with a config that may claim a diff ID other than its layer's:
 * what a hostile archive or registry hands berth.
 */
final class CraftedImages {

  /** The genuine layer: a shell and nothing else. */
  static final byte[] GENUINE = tar(Map.of("bin/sh", "busybox"));

  /** The hostile layer: the same shell and a file the genuine image lacks. */
  static final byte[] TROJAN = tar(Map.of("bin/sh", "busybox", "trojan", "evil"));

  /** An image of {@code layerTar} (stored gzipped) whose config claims {@code claimedDiffId}. */
  record Image(byte[] layer, byte[] config, byte[] manifest) {
    Digest layerDigest() {
      return Digest.sha256(layer);
    }

    Digest configDigest() {
      return Digest.sha256(config);
    }

    Digest manifestDigest() {
      return Digest.sha256(manifest);
    }
  }

  private CraftedImages() {}

  static Image image(byte[] layerTar, Digest claimedDiffId) {
    byte[] layer = gzip(layerTar);
    Instant t = Instant.parse("2024-01-02T03:04:05Z");
    ImageConfig config =
        ImageConfig.scratch(Platform.LINUX_AMD64)
            .withCreated(t)
            .withLayer(claimedDiffId, History.layer(t, "crafted", ""));
    byte[] configBytes = ImageJson.writeConfig(config);
    Manifest m =
        Manifest.oci(
            ImageJson.descriptor(MediaType.OCI_CONFIG, configBytes),
            List.of(new Descriptor(MediaType.OCI_LAYER_GZIP, Digest.sha256(layer), layer.length)));
    return new Image(layer, configBytes, ImageJson.writeManifest(m));
  }

  /** An OCI layout tar naming the image {@code name}. */
  static Path ociArchive(Path file, Image img, String name) throws IOException {
    String index =
        "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
            + MediaType.OCI_MANIFEST
            + "\",\"digest\":\""
            + img.manifestDigest()
            + "\",\"size\":"
            + img.manifest().length
            + ",\"annotations\":{\"io.containerd.image.name\":\""
            + name
            + "\"}}]}";
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(
        "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
    entries.put("index.json", index.getBytes(StandardCharsets.UTF_8));
    entries.put("blobs/sha256/" + img.manifestDigest().hex(), img.manifest());
    entries.put("blobs/sha256/" + img.configDigest().hex(), img.config());
    entries.put("blobs/sha256/" + img.layerDigest().hex(), img.layer());
    return write(file, entries);
  }

  /** A docker-archive tar ({@code docker save}) naming the image {@code name}. */
  static Path dockerArchive(Path file, Image img, String name) throws IOException {
    String manifest =
        "[{\"Config\":\""
            + img.configDigest().hex()
            + ".json\",\"RepoTags\":[\""
            + name
            + "\"],\"Layers\":[\"l/layer.tar\"]}]";
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
    entries.put(img.configDigest().hex() + ".json", img.config());
    entries.put("l/layer.tar", img.layer());
    return write(file, entries);
  }

  static Path write(Path file, Map<String, byte[]> entries) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
        entry.setSize(e.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(e.getValue());
        tar.closeArchiveEntry();
      }
    }
    return file;
  }

  static byte[] tar(Map<String, String> files) {
    Map<String, byte[]> sorted = new java.util.TreeMap<>();
    files.forEach((k, v) -> sorted.put(k, v.getBytes(StandardCharsets.UTF_8)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> f : sorted.entrySet()) {
        TarArchiveEntry e = new TarArchiveEntry(f.getKey());
        e.setSize(f.getValue().length);
        e.setMode(0755);
        tar.putArchiveEntry(e);
        tar.write(f.getValue());
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }
}
