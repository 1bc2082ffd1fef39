package dev.berth.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.Digest;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Build-cache records under {@code cache/<hex>.json}, each written atomically. */
public final class CacheRecords {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUFFIX = ".json";

  private final StoreLayout layout;
  private final Path tmpDir;

  CacheRecords(StoreLayout layout, Path tmpDir) {
    this.layout = layout;
    this.tmpDir = tmpDir;
  }

  /** Stores {@code value} under {@code key}, replacing any earlier record. */
  public void put(Digest key, byte[] value, Collection<Digest> blobs) throws IOException {
    CacheRecord record = new CacheRecord(key, value, List.copyOf(blobs));
    ObjectNode n = JSON.createObjectNode();
    n.put("key", key.toString());
    var list = n.putArray("blobs");
    record.blobs().forEach(b -> list.add(b.toString()));
    n.put("value", value);
    AtomicFiles.write(file(key), JSON.writeValueAsBytes(n), tmpDir);
  }

  public Optional<CacheRecord> get(Digest key) throws IOException {
    Path file = file(key);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    return Optional.of(parse(file, bytes));
  }

  /** Removes a record; NOT_FOUND when there is none. */
  public void delete(Digest key) throws IOException {
    if (!Files.deleteIfExists(file(key))) {
      throw StoreErrors.notFound("cache record " + key);
    }
  }

  /** The keys of every record, sorted. */
  public List<Digest> keys() throws IOException {
    List<Digest> out = new ArrayList<>();
    if (!Files.isDirectory(layout.cache())) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.cache(), "*" + SUFFIX)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        String hex = name.substring(0, name.length() - SUFFIX.length());
        if (Digest.isValid("sha256:" + hex)) {
          out.add(new Digest("sha256", hex));
        }
      }
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /** Every blob some readable record names. */
  Set<Digest> blobs() throws IOException {
    Set<Digest> out = new HashSet<>();
    for (Digest key : keys()) {
      try {
        get(key).ifPresent(r -> out.addAll(r.blobs()));
      } catch (BerthException corrupt) {
        // an unreadable record keeps nothing; the sweep removes it
      }
    }
    return out;
  }

  /**
   * Removes the records {@code drop} selects among those last written before {@code until} (among
   * all when it is empty), telling {@code removed} each key; unreadable records go too. The caller
   * holds the store lock.
   */
  public Swept removeIf(
      Optional<Instant> until, Predicate<CacheRecord> drop, Consumer<Digest> removed)
      throws IOException {
    Swept swept = Swept.NONE;
    for (Digest key : keys()) {
      Path file = file(key);
      BasicFileAttributes a;
      try {
        a = Files.readAttributes(file, BasicFileAttributes.class);
      } catch (NoSuchFileException gone) {
        continue;
      }
      if (until.isPresent() && !a.lastModifiedTime().toInstant().isBefore(until.get())) {
        continue;
      }
      boolean go;
      try {
        go = get(key).map(drop::test).orElse(false);
      } catch (BerthException corrupt) {
        go = true;
      }
      if (go && Files.deleteIfExists(file)) {
        swept = swept.plus(1, a.size());
        removed.accept(key);
      }
    }
    return swept;
  }

  /**
   * Removes every record that names a blob outside {@code reachable}, or no blob at all (nothing
   * ties it to an image) unless {@code keepBlobless}. Unreadable records go too.
   */
  Swept sweep(Set<Digest> reachable, boolean keepBlobless) throws IOException {
    Swept swept = Swept.NONE;
    for (Digest key : keys()) {
      Path file = file(key);
      boolean keep;
      try {
        keep =
            get(key)
                .map(r -> r.blobs().isEmpty() ? keepBlobless : reachable.containsAll(r.blobs()))
                .orElse(true);
      } catch (BerthException e) {
        keep = false;
      }
      if (!keep) {
        long size = Files.size(file);
        if (Files.deleteIfExists(file)) {
          swept = swept.plus(1, size);
        }
      }
    }
    return swept;
  }

  private Path file(Digest key) throws BerthException {
    if (!key.algorithm().equals("sha256")) {
      throw StoreErrors.invalid("cache key " + key, "only sha256 keys are stored");
    }
    return layout.cache().resolve(key.hex() + SUFFIX);
  }

  private static CacheRecord parse(Path file, byte[] bytes) throws BerthException {
    try {
      JsonNode n = JSON.readTree(bytes);
      List<Digest> blobs = new ArrayList<>();
      for (JsonNode b : n.path("blobs")) {
        blobs.add(Digest.parse(b.asText()));
      }
      JsonNode value = n.get("value");
      if (value == null) {
        throw new IllegalArgumentException("no value");
      }
      return new CacheRecord(Digest.parse(n.path("key").asText()), value.binaryValue(), blobs);
    } catch (IOException | IllegalArgumentException e) {
      throw new BerthException(
          ErrorKind.FAILED_PRECONDITION,
          "cache record " + file + ": corrupt: " + e.getMessage(),
          e);
    }
  }
}
