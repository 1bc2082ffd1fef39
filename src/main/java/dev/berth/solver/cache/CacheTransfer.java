package dev.berth.solver.cache;

import dev.berth.diag.BerthException;
import dev.berth.image.BlobReader;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.registry.Registries;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads and writes shared build caches ({@code --cache-from}, {@code --cache-to}) in registries and
 * OCI layout directories. The store and the registry never meet here either: blobs go through the
 * {@link BlobReader} and {@link dev.berth.image.BlobIngester} roles.
 */
public final class CacheTransfer {

  /** Makes the registry clients (reading their configuration, which may be broken). */
  @FunctionalInterface
  public interface RegistriesSource {
    Registries get() throws BerthException;
  }

  private final Optional<RegistriesSource> registries;
  private Registries made;

  /**
   * @param registries how to reach registries, made when a registry cache is first used (a build
   *     without one pays nothing for an HTTP client); empty where only local caches may be used
   */
  public CacheTransfer(Optional<RegistriesSource> registries) {
    this.registries = Objects.requireNonNull(registries, "registries");
  }

  /** Fetches a cache's manifest and config (never its layers) and returns its records. */
  public ImportedCache load(CacheLocation from) throws IOException {
    if (from instanceof CacheLocation.Registry r) {
      return new RegistryCache(registries(r)).load(r);
    }
    if (from instanceof CacheLocation.Local l) {
      return new LocalCache().load(l);
    }
    throw new AssertionError(from);
  }

  /**
   * The blob that leaves the machine for a layer the store holds: the store keeps the layers it
   * builds uncompressed, and this hands back the compressed form a cache shares.
   */
  @FunctionalInterface
  public interface Distributable {
    /** The layer as it leaves; {@code diffId} is what its content must hash to. */
    Descriptor of(Descriptor local, Optional<Digest> diffId) throws IOException;

    /** Layers leave as they are stored. */
    Distributable AS_STORED = (local, diffId) -> local;
  }

  /** As {@link #export(CacheLocation, List, BlobReader, Distributable)}, layers as stored. */
  public CacheArtifact export(CacheLocation to, List<CacheEntry> records, BlobReader layers)
      throws IOException {
    return export(to, records, layers, Distributable.AS_STORED);
  }

  /**
   * Writes the records, with every layer they name read from {@code layers} in the form {@code
   * leaving} gives it, as one artifact.
   *
   * @return the artifact written
   */
  public CacheArtifact export(
      CacheLocation to, List<CacheEntry> records, BlobReader layers, Distributable leaving)
      throws IOException {
    List<CacheEntry> exported = new ArrayList<>();
    for (CacheEntry e : records) {
      exported.add(
          e.layer().isEmpty()
              ? e
              : new CacheEntry(
                  e.key(),
                  e.parent(),
                  e.createdBy(),
                  e.created(),
                  Optional.of(leaving.of(e.layer().get(), e.diffId())),
                  e.diffId()));
    }
    CacheArtifact artifact = CacheArtifact.of(exported);
    if (to instanceof CacheLocation.Registry r) {
      new RegistryCache(registries(r)).export(r, artifact, layers);
    } else if (to instanceof CacheLocation.Local l) {
      new LocalCache().export(l, artifact, layers);
    } else {
      throw new AssertionError(to);
    }
    return artifact;
  }

  private synchronized Registries registries(CacheLocation.Registry r) throws BerthException {
    if (made == null) {
      made =
          registries
              .orElseThrow(
                  () ->
                      BerthException.precondition(
                          r.describe() + ": this build cannot reach registries"))
              .get();
    }
    return made;
  }
}
