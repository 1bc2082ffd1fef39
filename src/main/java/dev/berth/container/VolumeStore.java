package dev.berth.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.store.AtomicFiles;
import dev.berth.store.Store;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The volumes room of the store: {@code volumes/NAME/} with its metadata in {@code meta.json} and
 * its content in {@code _data}, as docker's local driver lays them out.
 */
public final class VolumeStore {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

  private final Store store;
  private final Path root;

  public VolumeStore(Store store) throws IOException {
    this.store = store;
    this.root = Files.createDirectories(store.layout().volumes());
  }

  /** Whether {@code s} is a volume name (as opposed to a host path) in {@code -v s:/path}. */
  public static boolean isName(String s) {
    return NAME.matcher(s).matches();
  }

  public Optional<Volume> get(String name) throws IOException {
    if (!isName(name)) {
      return Optional.empty();
    }
    Path dir = root.resolve(name);
    try {
      JsonNode n = JSON.readTree(Files.readAllBytes(dir.resolve("meta.json")));
      Map<String, String> labels = new LinkedHashMap<>();
      n.path("labels")
          .fields()
          .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      return Optional.of(
          new Volume(
              name, dir.resolve("_data"), Instant.parse(n.path("created").asText()), labels));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw new BerthException(
          ErrorKind.FAILED_PRECONDITION, dir + ": corrupt volume record: " + e.getMessage(), e);
    }
  }

  public Volume find(String name) throws IOException {
    return get(name)
        .orElseThrow(
            () ->
                new BerthException(
                    ErrorKind.NOT_FOUND, "no-such-volume", "no such volume: " + name));
  }

  /** The volume, made (empty) when it does not exist. */
  public Volume ensure(String name, Map<String, String> labels) throws IOException {
    return create(name, labels, true);
  }

  /**
   * Makes a volume.
   *
   * @param existingOk return an existing volume of that name instead of failing
   */
  public Volume create(String name, Map<String, String> labels, boolean existingOk)
      throws IOException {
    if (!isName(name)) {
      throw BerthException.invalid(
          "invalid volume name \"" + name + "\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }
    try (var held = store.lock().acquire()) {
      Optional<Volume> existing = get(name);
      if (existing.isPresent()) {
        if (existingOk) {
          return existing.get();
        }
        throw new BerthException(
            ErrorKind.CONFLICT, "volume-exists", "volume " + name + " already exists");
      }
      Path staging = store.newTempPath("volume");
      Files.createDirectories(staging.resolve("_data"));
      ObjectNode n =
          JSON.createObjectNode().put("name", name).put("created", Instant.now().toString());
      ObjectNode l = n.putObject("labels");
      labels.forEach(l::put);
      Files.write(staging.resolve("meta.json"), JSON.writeValueAsBytes(n));
      AtomicFiles.move(staging, root.resolve(name));
    }
    return find(name);
  }

  public List<Volume> list() throws IOException {
    List<Volume> out = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      for (Path d : dirs) {
        get(d.getFileName().toString()).ifPresent(out::add);
      }
    }
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return out;
  }

  /** Removes a volume and its data (the caller checks that no container uses it). */
  public long delete(Volume v) throws IOException {
    try (var held = store.lock().acquire()) {
      Path dir = root.resolve(v.name());
      long bytes = AtomicFiles.treeSize(dir);
      Path trash = store.newTempPath("trash");
      AtomicFiles.move(dir, trash);
      AtomicFiles.deleteTree(trash);
      return bytes;
    }
  }
}
