package dev.berth.registry;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.BlobIngester;
import dev.berth.image.BlobReader;
import dev.berth.image.BlobWriter;
import dev.berth.image.Descriptor;
import dev.berth.image.ImageReference;
import dev.berth.image.Index;
import dev.berth.image.Manifest;
import dev.berth.image.MediaType;
import dev.berth.image.Platform;
import dev.berth.image.json.ImageJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pulls an image: resolves the tag or digest, picks the platform's manifest from an index, then
 * fetches the config and layers the destination lacks, several at a time. The manifest (and index)
 * are stored last, once every blob they name is there.
 */
public final class ImagePuller {

  private final Registries registries;

  public ImagePuller(Registries registries) {
    this.registries = registries;
  }

  /**
   * @param have what the destination already holds; those blobs are not fetched
   * @param into where fetched blobs go, each verified before it is committed
   */
  public PulledImage pull(
      ImageReference ref,
      Platform platform,
      BlobReader have,
      BlobIngester into,
      TransferListener listener)
      throws IOException {
    RegistryClient client = registries.client(ref.registry(), ref.repository(), false);
    String reference = ref.digest().map(Object::toString).orElseGet(() -> ref.tag().orElseThrow());
    FetchedManifest top = client.manifest(reference);
    List<FetchedManifest> documents = new ArrayList<>();
    documents.add(top);
    FetchedManifest chosen = top;
    if (MediaType.isIndex(top.mediaType())) {
      Index index = read(ref, () -> ImageJson.readIndex(top.bytes()));
      List<Descriptor> matching = index.manifestsFor(platform);
      if (matching.isEmpty()) {
        throw new BerthException(
            ErrorKind.NOT_FOUND,
            "MANIFEST_UNKNOWN",
            "pull "
                + ref.familiar()
                + ": no manifest for "
                + platform
                + " (the image has: "
                + platforms(index)
                + ")");
      }
      chosen = client.manifest(matching.get(0).digest().toString());
      documents.add(chosen);
    }
    FetchedManifest platformManifest = chosen;
    Manifest manifest = read(ref, () -> ImageJson.readManifest(platformManifest.bytes()));
    Map<String, Descriptor> blobs = new LinkedHashMap<>();
    blobs.put(manifest.config().digest().toString(), manifest.config());
    manifest.layers().forEach(l -> blobs.putIfAbsent(l.digest().toString(), l));
    List<Parallel.Task<Void>> tasks = new ArrayList<>();
    for (Descriptor blob : blobs.values()) {
      if (have.exists(blob.digest())) {
        listener.exists(blob.digest(), blob.size());
      } else {
        tasks.add(
            () -> {
              client.fetchBlob(blob, into, listener);
              return null;
            });
      }
    }
    Parallel.run(tasks, registries.options().maxConcurrentDownloads());
    for (int i = documents.size() - 1; i >= 0; i--) {
      FetchedManifest doc = documents.get(i);
      if (!have.exists(doc.digest())) {
        try (BlobWriter w = into.writer()) {
          w.stream().write(doc.bytes());
          w.commit(doc.bytes().length, doc.digest());
        }
      }
    }
    return new PulledImage(top.descriptor(), platformManifest.descriptor());
  }

  private interface Reader<T> {
    T read();
  }

  private static <T> T read(ImageReference ref, Reader<T> reader) throws BerthException {
    try {
      return reader.read();
    } catch (IllegalArgumentException e) {
      throw new BerthException(
          ErrorKind.FAILED, "MANIFEST_INVALID", "pull " + ref.familiar() + ": " + e.getMessage());
    }
  }

  private static String platforms(Index index) {
    List<String> p = new ArrayList<>();
    for (Descriptor d : index.manifests()) {
      p.add(d.platform().map(Platform::toString).orElse("unknown"));
    }
    return p.isEmpty() ? "none" : String.join(", ", p);
  }
}
