package dev.berth.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.container.ContainerStore;
import dev.berth.container.MountRequest;
import dev.berth.container.Volume;
import dev.berth.container.VolumeStore;
import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.store.Store;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code berth volume}: named volumes, directories in the store that outlive containers. */
public final class VolumeService {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What {@code volume prune} removed. */
  public record Pruned(List<String> names, long bytes) {}

  private final Berth berth;

  VolumeService(Berth berth) {
    this.berth = berth;
  }

  public String create(String name, Map<String, String> labels) throws IOException {
    try (Store store = berth.openStore()) {
      return new VolumeStore(store).create(name, labels, false).name();
    }
  }

  public List<String> list() throws IOException {
    try (Store store = berth.openStore()) {
      return new VolumeStore(store).list().stream().map(Volume::name).toList();
    }
  }

  public List<ObjectNode> inspect(List<String> names) throws IOException {
    try (Store store = berth.openStore()) {
      VolumeStore volumes = new VolumeStore(store);
      List<ObjectNode> out = new ArrayList<>();
      for (String n : names) {
        Volume v = volumes.find(n);
        ObjectNode o = JSON.createObjectNode();
        o.put("Name", v.name());
        o.put("Driver", "local");
        o.put("Mountpoint", v.mountpoint().toString());
        o.put("CreatedAt", v.created().toString());
        ObjectNode labels = o.putObject("Labels");
        v.labels().forEach(labels::put);
        o.put("Scope", "local");
        out.add(o);
      }
      return out;
    }
  }

  /**
   * @throws BerthException CONFLICT when a container uses the volume (unless force)
   */
  public void remove(String name, boolean force) throws IOException {
    try (Store store = berth.openStore()) {
      VolumeStore volumes = new VolumeStore(store);
      Volume v = volumes.find(name);
      List<String> users = users(store, name);
      if (!users.isEmpty() && !force) {
        throw new BerthException(
            ErrorKind.CONFLICT,
            "volume-in-use",
            "remove " + name + ": volume is in use - [" + String.join(", ", users) + "]");
      }
      volumes.delete(v);
    }
  }

  /** Removes every volume no container uses. */
  public Pruned prune() throws IOException {
    try (Store store = berth.openStore()) {
      VolumeStore volumes = new VolumeStore(store);
      List<String> names = new ArrayList<>();
      long bytes = 0;
      for (Volume v : volumes.list()) {
        if (users(store, v.name()).isEmpty()) {
          bytes += volumes.delete(v);
          names.add(v.name());
        }
      }
      return new Pruned(names, bytes);
    }
  }

  private static List<String> users(Store store, String volume) throws IOException {
    List<String> out = new ArrayList<>();
    for (ContainerStore.Entry e : new ContainerStore(store).list()) {
      for (MountRequest m : e.spec().mounts()) {
        if (m instanceof MountRequest.Volume v && v.name().equals(volume)) {
          out.add(e.spec().id().substring(0, 12));
        }
      }
    }
    return out;
  }
}
