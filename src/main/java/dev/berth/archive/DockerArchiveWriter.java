package dev.berth.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.image.BlobReader;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes images in the format {@code docker load} reads: {@code manifest.json} (config path, repo
 * tags, layer paths), {@code repositories}, and the config and layer blobs, which docker
 * decompresses itself.
 */
public final class DockerArchiveWriter {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DockerArchiveWriter() {}

  public static void write(BlobReader blobs, List<ExportedImage> images, OutputStream out)
      throws IOException {
    BlobSet set = new BlobSet();
    ArrayNode manifest = JSON.createArrayNode();
    Map<String, Map<String, String>> repositories = new TreeMap<>();
    for (ExportedImage img : images) {
      set.add(img.manifest().config());
      img.manifest().layers().forEach(set::add);
      ObjectNode entry = manifest.addObject();
      entry.put("Config", BlobSet.path(img.manifest().config().digest()));
      ArrayNode tags = entry.putArray("RepoTags");
      for (ImageReference name : img.names()) {
        if (name.tag().isPresent()) {
          tags.add(name.familiar());
          List<Descriptor> layers = img.manifest().layers();
          if (!layers.isEmpty()) {
            repositories
                .computeIfAbsent(familiarRepository(name), k -> new TreeMap<>())
                .put(name.tag().get(), layers.get(layers.size() - 1).digest().hex());
          }
        }
      }
      ArrayNode layers = entry.putArray("Layers");
      img.manifest().layers().forEach(l -> layers.add(BlobSet.path(l.digest())));
    }
    try (TarWriter tar = new TarWriter(out)) {
      for (Map.Entry<Digest, Long> b : set.sizes().entrySet()) {
        try (InputStream in = blobs.open(b.getKey())) {
          tar.file(BlobSet.path(b.getKey()), b.getValue(), in);
        }
      }
      tar.file("manifest.json", JSON.writeValueAsBytes(manifest));
      tar.file("repositories", JSON.writeValueAsBytes(repositories));
    }
  }

  /** {@code busybox} for docker.io/library/busybox, as docker writes repository names. */
  private static String familiarRepository(ImageReference ref) {
    String familiar = ref.familiar();
    int at = familiar.indexOf('@');
    if (at >= 0) {
      familiar = familiar.substring(0, at);
    }
    int colon = familiar.lastIndexOf(':');
    return colon > familiar.lastIndexOf('/') ? familiar.substring(0, colon) : familiar;
  }
}
