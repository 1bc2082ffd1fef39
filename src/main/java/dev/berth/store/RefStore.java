package dev.berth.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.json.ImageJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Names (full normalised references, kept as opaque strings) mapped to manifest or index
 * descriptors, in one JSON file {@code refs/index.json} that is replaced atomically under the store
 * lock.
 */
public final class RefStore {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern HEX_PREFIX = Pattern.compile("[0-9a-f]{1,64}");

  private final StoreLayout layout;
  private final StoreLock lock;
  private final Path tmpDir;

  RefStore(StoreLayout layout, StoreLock lock, Path tmpDir) {
    this.layout = layout;
    this.lock = lock;
    this.tmpDir = tmpDir;
  }

  /** Every ref, sorted by name. */
  public List<Ref> list() throws IOException {
    List<Ref> out = new ArrayList<>();
    read().forEach((name, d) -> out.add(new Ref(name, d)));
    return out;
  }

  public Optional<Descriptor> get(String name) throws IOException {
    return Optional.ofNullable(read().get(checkName(name)));
  }

  /** Points {@code name} at {@code descriptor}, replacing what it pointed at before. */
  public void put(String name, Descriptor descriptor) throws IOException {
    checkName(name);
    update(refs -> refs.put(name, descriptor));
  }

  /** Points every name at its descriptor in one atomic change of the index. */
  public void putAll(Map<String, Descriptor> names) throws IOException {
    for (String name : names.keySet()) {
      checkName(name);
    }
    update(refs -> refs.putAll(names));
  }

  /** Removes a name; {@link BerthException} NOT_FOUND when there is no such name. */
  public void delete(String name) throws IOException {
    checkName(name);
    try (var held = lock.acquire()) {
      SortedMap<String, Descriptor> refs = read();
      if (refs.remove(name) == null) {
        throw StoreErrors.notFound("ref " + name);
      }
      write(refs);
    }
  }

  /**
   * The descriptor whose digest starts with {@code prefix} ({@code sha256:} optional), as docker
   * lets an image be named by a prefix of its ID.
   *
   * @throws BerthException INVALID_ARGUMENT when the prefix is malformed or matches several
   *     digests, NOT_FOUND when it matches none
   */
  public Descriptor resolvePrefix(String prefix) throws IOException {
    String hex = prefix.startsWith("sha256:") ? prefix.substring("sha256:".length()) : prefix;
    if (!HEX_PREFIX.matcher(hex).matches()) {
      throw StoreErrors.invalid(
          "image ID '" + prefix + "'", "expected up to 64 lowercase hex digits");
    }
    Map<Digest, Descriptor> matches = new TreeMap<>();
    for (Descriptor d : read().values()) {
      if (d.digest().algorithm().equals("sha256") && d.digest().hex().startsWith(hex)) {
        matches.putIfAbsent(d.digest(), d);
      }
    }
    if (matches.isEmpty()) {
      throw StoreErrors.notFound("image ID " + prefix);
    }
    if (matches.size() > 1) {
      List<String> ids = new ArrayList<>();
      matches.keySet().forEach(d -> ids.add(d.shortHex()));
      throw StoreErrors.invalid(
          "image ID prefix '" + prefix + "'", "ambiguous, it matches " + String.join(", ", ids));
    }
    return matches.values().iterator().next();
  }

  /** The digests of every ref, for reachability. */
  TreeSet<Digest> rootDigests() throws IOException {
    TreeSet<Digest> out = new TreeSet<>();
    read().values().forEach(d -> out.add(d.digest()));
    return out;
  }

  private void update(Consumer<SortedMap<String, Descriptor>> change) throws IOException {
    try (var held = lock.acquire()) {
      SortedMap<String, Descriptor> refs = read();
      change.accept(refs);
      write(refs);
    }
  }

  private SortedMap<String, Descriptor> read() throws IOException {
    Path file = layout.refIndex();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new TreeMap<>();
    }
    SortedMap<String, Descriptor> refs = new TreeMap<>();
    try {
      JsonNode root = JSON.readTree(bytes);
      JsonNode entries = root == null ? null : root.get("refs");
      if (entries == null || !entries.isObject()) {
        throw new IllegalArgumentException("no \"refs\" object");
      }
      var it = entries.fields();
      while (it.hasNext()) {
        var e = it.next();
        refs.put(e.getKey(), ImageJson.readDescriptor(e.getValue()));
      }
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new BerthException(
          ErrorKind.FAILED_PRECONDITION, "ref index " + file + ": corrupt: " + e.getMessage(), e);
    }
    return refs;
  }

  private void write(SortedMap<String, Descriptor> refs) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode entries = root.putObject("refs");
    for (Map.Entry<String, Descriptor> e : refs.entrySet()) {
      entries.set(e.getKey(), JSON.readTree(ImageJson.writeDescriptor(e.getValue())));
    }
    Files.createDirectories(layout.refs());
    AtomicFiles.write(layout.refIndex(), JSON.writeValueAsBytes(root), tmpDir);
  }

  private static String checkName(String name) throws BerthException {
    if (name == null || name.isEmpty() || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw StoreErrors.invalid(
          "ref '" + name + "'", "a name must be non-empty without control characters");
    }
    return name;
  }
}
