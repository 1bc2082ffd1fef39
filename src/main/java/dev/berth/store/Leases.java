package dev.berth.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.json.ImageJson;
import dev.berth.mount.ProcessOwner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Leases, after containerd's: a named hold on images (manifest descriptors, and through them their
 * config, layers and snapshots), single blobs and snapshots, that garbage collection keeps as if a
 * ref named them, and that {@code rmi} respects. A container holds one on its image for as long as
 * it exists; a store session (a berth process building, pulling or loading) holds one on what it
 * writes or finds before a ref names it, with itself as owner, and the lease expires when that
 * owner no longer runs.
 */
public final class Leases {

  /**
   * One hold: who holds it (such as {@code container-3f2a...}), what it keeps (images through their
   * manifests, single blobs, snapshots by chain ID), and the process it ends with, if any.
   */
  public record Lease(
      String id,
      List<Descriptor> roots,
      Set<Digest> blobs,
      Set<Digest> snapshots,
      Optional<ProcessOwner> owner) {
    public Lease {
      if (id.isEmpty() || id.contains("/") || id.startsWith(".")) {
        throw new IllegalArgumentException("bad lease id: " + id);
      }
      roots = List.copyOf(roots);
      blobs = Set.copyOf(blobs);
      snapshots = Set.copyOf(snapshots);
    }

    /** A lease on images that lasts until it is deleted. */
    public Lease(String id, List<Descriptor> roots) {
      this(id, roots, Set.of(), Set.of(), Optional.empty());
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final StoreLayout layout;
  private final StoreLock lock;
  private final Path tmpDir;

  Leases(StoreLayout layout, StoreLock lock, Path tmpDir) {
    this.layout = layout;
    this.lock = lock;
    this.tmpDir = tmpDir;
  }

  /** Takes (or replaces) a lease, atomically. */
  public void put(Lease lease) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", lease.id());
    ArrayNode roots = n.putArray("roots");
    for (Descriptor d : lease.roots()) {
      roots.add(JSON.readTree(ImageJson.writeDescriptor(d)));
    }
    ArrayNode blobs = n.putArray("blobs");
    lease.blobs().stream().sorted().forEach(d -> blobs.add(d.toString()));
    ArrayNode snapshots = n.putArray("snapshots");
    lease.snapshots().stream().sorted().forEach(d -> snapshots.add(d.toString()));
    lease
        .owner()
        .ifPresent(
            o -> {
              ObjectNode owner = n.putObject("owner");
              owner.put("pid", o.pid());
              owner.put("start", o.startTicks());
              owner.put("pidns", o.pidNamespace());
            });
    try (var held = lock.acquire()) {
      Files.createDirectories(layout.leases());
      AtomicFiles.write(file(lease.id()), JSON.writeValueAsBytes(n), tmpDir);
    }
  }

  /** Releases a lease; nothing happens when there is none. */
  public void delete(String id) throws IOException {
    try (var held = lock.acquire()) {
      Files.deleteIfExists(file(id));
    }
  }

  public Optional<Lease> get(String id) throws IOException {
    try {
      return Optional.of(read(Files.readAllBytes(file(id)), id));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Every lease, sorted by id. */
  public List<Lease> list() throws IOException {
    List<Lease> out = new ArrayList<>();
    if (!Files.isDirectory(layout.leases())) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.leases(), "*.json")) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        out.add(read(Files.readAllBytes(f), name.substring(0, name.length() - ".json".length())));
      }
    }
    out.sort((a, b) -> a.id().compareTo(b.id()));
    return out;
  }

  private Path file(String id) {
    return layout.leases().resolve(new Lease(id, List.of()).id() + ".json");
  }

  private static Lease read(byte[] bytes, String id) throws BerthException {
    try {
      JsonNode n = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
      List<Descriptor> roots = new ArrayList<>();
      for (JsonNode r : n.path("roots")) {
        roots.add(ImageJson.readDescriptor(r));
      }
      Set<Digest> blobs = new HashSet<>();
      for (JsonNode b : n.path("blobs")) {
        blobs.add(Digest.parse(b.asText()));
      }
      Set<Digest> snapshots = new HashSet<>();
      for (JsonNode b : n.path("snapshots")) {
        snapshots.add(Digest.parse(b.asText()));
      }
      JsonNode o = n.get("owner");
      Optional<ProcessOwner> owner =
          o == null || !o.isObject()
              ? Optional.empty()
              : Optional.of(
                  new ProcessOwner(
                      o.path("pid").asLong(), o.path("start").asLong(), o.path("pidns").asText()));
      return new Lease(id, roots, blobs, snapshots, owner);
    } catch (IOException | IllegalArgumentException e) {
      throw new BerthException(
          ErrorKind.FAILED_PRECONDITION, "lease " + id + ": corrupt: " + e.getMessage(), e);
    }
  }
}
