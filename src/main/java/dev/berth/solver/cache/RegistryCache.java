package dev.berth.solver.cache;

import dev.berth.image.BlobReader;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.ImageReference;
import dev.berth.image.Manifest;
import dev.berth.registry.FetchedManifest;
import dev.berth.registry.Registries;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.TransferListener;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A build cache under a registry tag: one manifest, its cache config, its layers. */
final class RegistryCache {

  private final Registries registries;

  RegistryCache(Registries registries) {
    this.registries = registries;
  }

  ImportedCache load(CacheLocation.Registry at) throws IOException {
    ImageReference ref = at.ref();
    RegistryClient client = registries.client(ref.registry(), ref.repository(), false);
    FetchedManifest fetched = client.manifest(reference(ref));
    String where = "cache " + ref.familiar();
    Manifest m = CacheArtifact.readManifest(fetched.bytes(), where);
    MemoryBlobs memory = new MemoryBlobs();
    client.fetchBlob(m.config(), memory, TransferListener.none());
    byte[] config = memory.readAll(m.config().digest());
    List<CacheEntry> records = CacheArtifact.records(m, config, where);
    return new ImportedCache(
        at, records, (layer, into) -> client.fetchBlob(layer, into, TransferListener.none()));
  }

  /**
   * Pushes the layers the registry lacks, then the config, then the manifest under the tag: the
   * manifest goes last, so a reader never sees records whose layers are not there yet.
   */
  void export(CacheLocation.Registry at, CacheArtifact artifact, BlobReader layers)
      throws IOException {
    ImageReference ref = at.ref();
    RegistryClient client = registries.client(ref.registry(), ref.repository(), true);
    MemoryBlobs blobs = new MemoryBlobs(layers);
    blobs.put(artifact.config());
    Map<Digest, Descriptor> all = new LinkedHashMap<>();
    artifact.layers().forEach(l -> all.putIfAbsent(l.digest(), l));
    all.put(artifact.configDescriptor().digest(), artifact.configDescriptor());
    for (Descriptor blob : all.values()) {
      if (!client.hasBlob(blob.digest())) {
        client.pushBlob(blob, blobs, Optional.empty(), TransferListener.none());
      }
    }
    client.putManifest(
        reference(ref), artifact.manifestDescriptor().mediaType(), artifact.manifest());
  }

  private static String reference(ImageReference ref) {
    return ref.digest().map(Digest::toString).orElse(ref.tag().orElse(ImageReference.DEFAULT_TAG));
  }
}
