package dev.berth.registry;

import dev.berth.image.BlobReader;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.ImageFormatException;
import dev.berth.image.ImageReference;
import dev.berth.image.Manifest;
import dev.berth.image.json.ImageJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pushes one image manifest with its config and layers: blobs the registry has are skipped, others
 * are mounted from another repository of the same registry when one is known to hold them, or
 * uploaded; the manifest goes last, as its exact stored bytes, so its digest stays the same.
 */
public final class ImagePusher {

  private final Registries registries;

  public ImagePusher(Registries registries) {
    this.registries = registries;
  }

  /**
   * @param mountFrom a repository on the same registry that may hold the blobs already
   * @return the digest of the pushed manifest
   */
  public Digest push(
      ImageReference dest,
      Descriptor manifestDescriptor,
      BlobReader blobs,
      Optional<String> mountFrom,
      TransferListener listener)
      throws IOException {
    RegistryClient client = registries.client(dest.registry(), dest.repository(), true);
    byte[] bytes = blobs.readAll(manifestDescriptor.digest());
    Manifest manifest;
    try {
      manifest = ImageJson.readManifest(bytes);
    } catch (ImageFormatException e) {
      throw new IOException(
          "push " + dest.familiar() + ": the stored manifest is unreadable: " + e.getMessage(), e);
    }
    Map<Digest, Descriptor> all = new LinkedHashMap<>();
    manifest.layers().forEach(l -> all.putIfAbsent(l.digest(), l));
    all.putIfAbsent(manifest.config().digest(), manifest.config());
    List<Parallel.Task<Void>> tasks = new ArrayList<>();
    for (Descriptor blob : all.values()) {
      tasks.add(
          () -> {
            if (client.hasBlob(blob.digest())) {
              listener.exists(blob.digest(), blob.size());
            } else {
              client.pushBlob(blob, blobs, mountFrom, listener);
            }
            return null;
          });
    }
    Parallel.run(tasks, registries.options().maxConcurrentUploads());
    String reference =
        dest.tag().orElseGet(() -> dest.digest().map(Object::toString).orElseThrow());
    return client.putManifest(reference, manifestDescriptor.mediaType(), bytes);
  }
}
