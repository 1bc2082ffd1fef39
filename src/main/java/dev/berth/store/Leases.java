package dev.berth.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.Descriptor;
import dev.berth.image.json.ImageJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Leases, after containerd's: a named hold on images (manifest descriptors, and through them their
 * config, layers and snapshots) that garbage collection keeps as if a ref named them, and that
 * {@code rmi} respects. A container holds one on its image for as long as it exists.
 */
public final class Leases {

  /** One hold: who holds it (such as {@code container:3f2a...}) and what it keeps. */
  public record Lease(String id, List<Descriptor> roots) {
    public Lease {
      if (id.isEmpty() || id.contains("/") || id.startsWith(".")) {
        throw new IllegalArgumentException("bad lease id: " + id);
      }
      roots = List.copyOf(roots);
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
      return new Lease(id, roots);
    } catch (IOException | IllegalArgumentException e) {
      throw new BerthException(
          ErrorKind.FAILED_PRECONDITION, "lease " + id + ": corrupt: " + e.getMessage(), e);
    }
  }
}
