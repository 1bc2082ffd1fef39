package dev.berth.container;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.store.AtomicFiles;
import dev.berth.store.Store;
import dev.berth.store.StoreLock;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The containers room of the store: one directory per container, named by its ID, holding its spec,
 * its state, its bundle, its writable layer and its log. A container directory appears complete or
 * not at all (it is written in the store's temp dir and renamed into place), and a file lock per
 * container serialises the commands that change it.
 */
public final class ContainerStore {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
  private static final Pattern ID_PREFIX = Pattern.compile("[0-9a-f]{1,64}");

  /** A container as stored: its spec and its last written state. */
  public record Entry(ContainerSpec spec, ContainerState state, Path dir) {}

  private final Store store;
  private final Path root;

  public ContainerStore(Store store) throws IOException {
    this.store = store;
    this.root = Files.createDirectories(store.layout().containers());
  }

  public Path dir(String id) {
    return root.resolve(id);
  }

  /** Whether {@code name} is one docker accepts for a container. */
  public static boolean validName(String name) {
    return NAME.matcher(name).matches();
  }

  /**
   * Stores a new container with its spec and a CREATED state; its name must be free. The directory
   * appears complete, or, after a crash, not at all.
   */
  public void create(ContainerSpec spec) throws IOException {
    try (var held = store.lock().acquire()) {
      for (Entry e : list()) {
        if (e.spec().name().equals(spec.name())) {
          throw new BerthException(
              ErrorKind.CONFLICT,
              "name-in-use",
              "Conflict. The container name \"/"
                  + spec.name()
                  + "\" is already in use by container \""
                  + e.spec().id()
                  + "\". You have to remove (or rename) that container to be able to reuse that"
                  + " name.");
        }
      }
      Path staging = store.newTempPath("container");
      Files.createDirectories(staging);
      Files.write(staging.resolve("config.json"), ContainerJson.write(spec));
      Files.write(staging.resolve("state.json"), ContainerJson.write(ContainerState.created()));
      AtomicFiles.fsyncTree(staging);
      AtomicFiles.move(staging, dir(spec.id()));
    }
  }

  /** Every container, sorted by creation time, newest first (as docker ps lists them). */
  public List<Entry> list() throws IOException {
    List<Entry> out = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      for (Path d : dirs) {
        read(d.getFileName().toString()).ifPresent(out::add);
      }
    }
    out.sort((a, b) -> b.spec().created().compareTo(a.spec().created()));
    return out;
  }

  public Optional<Entry> read(String id) throws IOException {
    Path d = dir(id);
    try {
      ContainerSpec spec = ContainerJson.readSpec(Files.readAllBytes(d.resolve("config.json")), d);
      ContainerState state =
          ContainerJson.readState(Files.readAllBytes(d.resolve("state.json")), d);
      return Optional.of(new Entry(spec, state, d));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * The container named {@code ref}: by full name, full ID, or unique ID prefix, as docker finds
   * them.
   */
  public Entry find(String ref) throws IOException {
    List<Entry> all = list();
    for (Entry e : all) {
      if (e.spec().name().equals(ref) || e.spec().id().equals(ref)) {
        return e;
      }
    }
    if (ID_PREFIX.matcher(ref).matches()) {
      List<Entry> matches = all.stream().filter(e -> e.spec().id().startsWith(ref)).toList();
      if (matches.size() == 1) {
        return matches.get(0);
      }
      if (matches.size() > 1) {
        throw new BerthException(
            ErrorKind.INVALID_INPUT,
            "ambiguous-container",
            "multiple containers match the ID prefix " + ref + ": be more specific");
      }
    }
    throw new BerthException(ErrorKind.NOT_FOUND, "no-such-container", "No such container: " + ref);
  }

  /** Replaces the container's state, atomically. */
  public void writeState(String id, ContainerState state) throws IOException {
    AtomicFiles.write(dir(id).resolve("state.json"), ContainerJson.write(state), dir(id));
  }

  /** The lock that serialises changes to one container. */
  public StoreLock lock(String id) {
    return new StoreLock(dir(id).resolve("lock"));
  }

  /** Removes the container's directory: out of sight first, so no half of it stays. */
  public void delete(String id) throws IOException {
    Path trash = store.newTempPath("trash");
    AtomicFiles.move(dir(id), trash);
    AtomicFiles.deleteTree(trash);
  }
}
