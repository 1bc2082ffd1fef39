package dev.berth.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.container.ContainerStore;
import dev.berth.container.Network;
import dev.berth.container.NetworkAttachment;
import dev.berth.container.NetworkStore;
import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code berth network}: bridge networks with a subnet each, made through the CNI plugins. */
public final class NetworkService {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One line of {@code network ls}. */
  public record NetworkRow(String id, String name, String driver, String subnet) {}

  private final Berth berth;

  NetworkService(Berth berth) {
    this.berth = berth;
  }

  /** {@code network create}: the new network's ID. */
  public String create(String name, Optional<String> subnet, Map<String, String> labels)
      throws IOException {
    try (Store store = berth.openStore()) {
      return new NetworkStore(store).create(name, subnet, labels).id();
    }
  }

  /** {@code network ls}: the default network first, then the others by name. */
  public List<NetworkRow> list() throws IOException {
    try (Store store = berth.openStore()) {
      NetworkStore networks = new NetworkStore(store);
      networks.ensureDefault();
      List<NetworkRow> out = new ArrayList<>();
      for (Network n : networks.list()) {
        NetworkRow row = new NetworkRow(n.id().substring(0, 12), n.name(), "bridge", n.subnet());
        if (n.name().equals(Network.DEFAULT)) {
          out.add(0, row);
        } else {
          out.add(row);
        }
      }
      return out;
    }
  }

  /** {@code network inspect}: docker's field names where they exist. */
  public List<ObjectNode> inspect(List<String> refs) throws IOException {
    try (Store store = berth.openStore()) {
      NetworkStore networks = new NetworkStore(store);
      List<ObjectNode> out = new ArrayList<>();
      for (String ref : refs) {
        Network n = networks.find(ref);
        ObjectNode o = JSON.createObjectNode();
        o.put("Name", n.name());
        o.put("Id", n.id());
        o.put("Created", n.created().toString());
        o.put("Driver", "bridge");
        o.putObject("IPAM")
            .putArray("Config")
            .addObject()
            .put("Subnet", n.subnet())
            .put("Gateway", n.gateway());
        o.putObject("Options").put("com.docker.network.bridge.name", n.bridge());
        ObjectNode containers = o.putObject("Containers");
        for (ContainerStore.Entry e : new ContainerStore(store).list()) {
          for (NetworkAttachment a : e.spec().networks()) {
            if (a.network().equals(n.name())) {
              containers.putObject(e.spec().id()).put("Name", e.spec().name());
            }
          }
        }
        ObjectNode labels = o.putObject("Labels");
        n.labels().forEach(labels::put);
        out.add(o);
      }
      return out;
    }
  }

  /**
   * {@code network rm}: a network no container uses, and its bridge.
   *
   * @throws BerthException CONFLICT naming the containers that use it
   */
  public void remove(String ref) throws IOException {
    try (Store store = berth.openStore()) {
      NetworkStore networks = new NetworkStore(store);
      Network n = networks.find(ref);
      if (n.name().equals(Network.DEFAULT)) {
        throw new BerthException(
            ErrorKind.FAILED_PRECONDITION, "berth is a pre-defined network and cannot be removed");
      }
      List<String> users = new ArrayList<>();
      for (ContainerStore.Entry e : new ContainerStore(store).list()) {
        if (e.spec().networks().stream().anyMatch(a -> a.network().equals(n.name()))) {
          users.add(e.spec().name());
        }
      }
      if (!users.isEmpty()) {
        throw new BerthException(
            ErrorKind.CONFLICT,
            "network-in-use",
            "error while removing network: network "
                + n.name()
                + " id "
                + n.id()
                + " has active endpoints ("
                + String.join(", ", users)
                + ")");
      }
      networks.delete(n);
      deleteBridge(n.bridge());
    }
  }

  /** Removes every network but the default one that no container uses; their names. */
  public List<String> pruneUnused() throws IOException {
    List<String> out = new ArrayList<>();
    if (!BuildService.isRoot()) {
      return out;
    }
    List<String> names;
    try (Store store = berth.openStore()) {
      names = new NetworkStore(store).list().stream().map(Network::name).toList();
    }
    for (String n : names) {
      if (n.equals(Network.DEFAULT)) {
        continue;
      }
      try {
        remove(n);
        out.add(n);
      } catch (BerthException inUse) {
        if (inUse.kind() != ErrorKind.CONFLICT) {
          throw inUse;
        }
      }
    }
    return out;
  }

  /** The bridge the CNI plugin made stays on the host until its network goes. */
  static void deleteBridge(String bridge) throws IOException {
    Process p =
        new ProcessBuilder("ip", "link", "delete", bridge).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      int code = p.waitFor();
      if (code != 0 && !out.contains("Cannot find device")) {
        throw new IOException("cannot delete the bridge " + bridge + ": " + out.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while deleting bridge " + bridge, e);
    }
  }
}
