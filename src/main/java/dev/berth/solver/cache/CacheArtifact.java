package dev.berth.solver.cache;

import dev.berth.diag.BerthException;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.ImageFormatException;
import dev.berth.image.Manifest;
import dev.berth.image.MediaType;
import dev.berth.image.json.ImageJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One build's cache as one OCI image manifest: {@code artifactType} {@link
 * CacheMediaTypes#ARTIFACT}, the cache config as its config, and every layer a record names as its
 * layers (each once), so a registry keeps them alive and a reader finds all records in two small
 * fetches.
 */
public record CacheArtifact(
    byte[] config, Descriptor configDescriptor, byte[] manifest, Descriptor manifestDescriptor) {

  /** The artifact for these records. */
  public static CacheArtifact of(List<CacheEntry> entries) {
    byte[] config = CacheConfigJson.write(entries);
    Descriptor configDescriptor = ImageJson.descriptor(CacheMediaTypes.CONFIG, config);
    Map<Digest, Descriptor> layers = new LinkedHashMap<>();
    for (CacheEntry e : sortedByKey(entries)) {
      e.layer().ifPresent(l -> layers.putIfAbsent(l.digest(), l));
    }
    Manifest m =
        new Manifest(
            2,
            MediaType.OCI_MANIFEST,
            Optional.of(CacheMediaTypes.ARTIFACT),
            configDescriptor,
            new ArrayList<>(layers.values()),
            Optional.empty(),
            Map.of());
    byte[] manifest = ImageJson.writeManifest(m);
    return new CacheArtifact(
        config, configDescriptor, manifest, ImageJson.descriptor(MediaType.OCI_MANIFEST, manifest));
  }

  /** The layers the manifest lists, bottom first as written. */
  public List<Descriptor> layers() {
    return ImageJson.readManifest(manifest).layers();
  }

  /**
   * Reads a fetched manifest and checks that it is a berth cache.
   *
   * @throws BerthException (invalid input) when it is some other manifest
   */
  public static Manifest readManifest(byte[] bytes, String where) throws BerthException {
    Manifest m;
    try {
      m = ImageJson.readManifest(bytes);
    } catch (ImageFormatException e) {
      throw BerthException.invalid(where + ": not an image manifest: " + e.getMessage());
    }
    if (!m.config().mediaType().equals(CacheMediaTypes.CONFIG)) {
      throw BerthException.invalid(
          where
              + ": not a berth build cache (its config is "
              + m.config().mediaType()
              + ", not "
              + CacheMediaTypes.CONFIG
              + ")");
    }
    return m;
  }

  /**
   * The records of a cache config whose layers the manifest lists; a record naming a layer the
   * manifest does not hold is refused, since a registry need not keep such a blob.
   */
  public static List<CacheEntry> records(Manifest m, byte[] config, String where)
      throws BerthException {
    List<CacheEntry> entries = CacheConfigJson.read(config, where);
    Set<Digest> listed = m.layers().stream().map(Descriptor::digest).collect(Collectors.toSet());
    for (CacheEntry e : entries) {
      if (e.layer().isPresent() && !listed.contains(e.layer().get().digest())) {
        throw BerthException.invalid(
            where
                + ": record "
                + e.key()
                + " names layer "
                + e.layer().get().digest()
                + ", which the manifest does not list");
      }
    }
    return entries;
  }

  private static List<CacheEntry> sortedByKey(List<CacheEntry> entries) {
    List<CacheEntry> sorted = new ArrayList<>(entries);
    sorted.sort((a, b) -> a.key().compareTo(b.key()));
    return sorted;
  }
}
