package dev.berth.solver.cache;

import dev.berth.image.BlobIngester;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A shared cache as a build sees it after {@code --cache-from} was read: its records by key (the
 * manifest and config only) and where to fetch a layer from when one of them is used.
 */
public final class ImportedCache {

  /** Fetches a layer blob the records name into the store, verified against its descriptor. */
  @FunctionalInterface
  public interface LayerSource {
    void fetch(Descriptor layer, BlobIngester into) throws IOException;
  }

  private final CacheLocation from;
  private final Map<Digest, CacheEntry> entries = new LinkedHashMap<>();
  private final LayerSource layers;

  public ImportedCache(CacheLocation from, List<CacheEntry> records, LayerSource layers) {
    this.from = Objects.requireNonNull(from, "from");
    records.forEach(e -> entries.putIfAbsent(e.key(), e));
    this.layers = Objects.requireNonNull(layers, "layers");
  }

  public CacheLocation from() {
    return from;
  }

  public Optional<CacheEntry> find(Digest key) {
    return Optional.ofNullable(entries.get(key));
  }

  public int size() {
    return entries.size();
  }

  public void fetch(Descriptor layer, BlobIngester into) throws IOException {
    layers.fetch(layer, into);
  }
}
