package dev.berth.app;

import dev.berth.diag.BerthException;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.Index;
import dev.berth.image.Manifest;
import dev.berth.image.MediaType;
import dev.berth.image.json.ImageJson;
import dev.berth.store.BlobInfo;
import dev.berth.store.LocalImages;
import dev.berth.store.Reachable;
import dev.berth.store.Store;
import dev.berth.store.StoredImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * berth's dangling images, docker's {@code <none>:<none>}: image manifests (or indexes) still in
 * the blob store that no ref and no container's lease reaches, such as the image a tag pointed at
 * before a rebuild moved it. berth keeps no ref for them, so they are found by reading the blobs
 * that could be manifests: small ones that start with '{'.
 */
final class DanglingImages {

  // Manifests and indexes are small; anything larger is a layer.
  private static final long MAX_MANIFEST = 4L << 20;

  private DanglingImages() {}

  /** Every dangling image, each resolved to its linux/amd64 manifest, in digest order. */
  static List<StoredImage> find(Store store) throws IOException {
    Reachable reachable = store.reachable();
    Map<Digest, Descriptor> candidates = new LinkedHashMap<>();
    Set<Digest> children = new HashSet<>();
    for (BlobInfo b : store.content().list()) {
      if (reachable.blobs().contains(b.digest())
          || b.size() > MAX_MANIFEST
          || !startsAsJson(store, b)) {
        continue;
      }
      byte[] bytes = store.content().readAll(b.digest());
      String type;
      try {
        type = ImageJson.mediaTypeOf(bytes);
        if (MediaType.isIndex(type)) {
          Index index = ImageJson.readIndex(bytes);
          index.manifests().forEach(m -> children.add(m.digest()));
        } else if (MediaType.isManifest(type)) {
          Manifest m = ImageJson.readManifest(bytes);
          if (!isImageConfig(m.config().mediaType()) || m.artifactType().isPresent()) {
            continue;
          }
        } else {
          continue;
        }
      } catch (RuntimeException notAnImage) {
        continue;
      }
      candidates.put(b.digest(), new Descriptor(type, b.digest(), b.size()));
    }
    List<StoredImage> out = new ArrayList<>();
    LocalImages local = new LocalImages(store);
    for (Descriptor d : candidates.values()) {
      if (children.contains(d.digest())) {
        continue;
      }
      try {
        out.add(local.resolve(List.of(), d));
      } catch (BerthException incomplete) {
        // a manifest whose config went, or an index without this platform: not an image here
      }
    }
    return out;
  }

  private static boolean isImageConfig(String type) {
    return type.equals(MediaType.OCI_CONFIG) || type.equals(MediaType.DOCKER_CONFIG);
  }

  private static boolean startsAsJson(Store store, BlobInfo b) throws IOException {
    try (InputStream in = store.content().open(b.digest())) {
      int c;
      do {
        c = in.read();
      } while (c == ' ' || c == '\n' || c == '\r' || c == '\t');
      return c == '{';
    }
  }
}
