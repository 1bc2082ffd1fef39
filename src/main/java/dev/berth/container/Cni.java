package dev.berth.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the standard CNI plugins (Debian's containernetworking-plugins) as the CNI specification
 * says a runtime does: each plugin of a network's list in turn, its config on stdin with the
 * previous plugin's result, the command and the namespace in the environment; DEL in reverse order.
 * berth writes no bridge, address or firewall code of its own.
 */
final class Cni {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<Path> PLUGIN_DIRS =
      List.of(Path.of("/usr/lib/cni"), Path.of("/opt/cni/bin"), Path.of("/usr/libexec/cni"));
  private static final String VERSION = "1.0.0";

  /** What ADD gave for one network. */
  record Attached(ContainerState.Address address, String result) {}

  private final Path ipamDir;

  Cni(Path ipamDir) {
    this.ipamDir = ipamDir;
  }

  /** Whether the plugins are installed. */
  static Optional<Path> pluginDir() {
    return PLUGIN_DIRS.stream().filter(d -> Files.isExecutable(d.resolve("bridge"))).findFirst();
  }

  /** The plugin list of {@code network}: a bridge with host-local addresses, portmap, firewall. */
  ObjectNode config(Network network) {
    ObjectNode list = JSON.createObjectNode();
    list.put("cniVersion", VERSION);
    list.put("name", network.name());
    ArrayNode plugins = list.putArray("plugins");
    ObjectNode bridge = plugins.addObject();
    bridge.put("type", "bridge");
    bridge.put("bridge", network.bridge());
    bridge.put("isGateway", true);
    bridge.put("ipMasq", true);
    bridge.put("hairpinMode", true);
    ObjectNode ipam = bridge.putObject("ipam");
    ipam.put("type", "host-local");
    ipam.putArray("ranges")
        .addArray()
        .addObject()
        .put("subnet", network.subnet())
        .put("gateway", network.gateway());
    ipam.putArray("routes").addObject().put("dst", "0.0.0.0/0");
    ipam.put("dataDir", ipamDir.toString());
    ObjectNode portmap = plugins.addObject();
    portmap.put("type", "portmap");
    portmap.putObject("capabilities").put("portMappings", true);
    portmap.put("snat", true);
    plugins.addObject().put("type", "firewall").put("backend", "iptables");
    return list;
  }

  /** Attaches the namespace to the network as {@code ifname}; ports go with it when given. */
  Attached add(
      Network network, String containerId, Path netns, String ifname, List<PortMapping> ports)
      throws IOException {
    ObjectNode list = config(network);
    JsonNode prev = null;
    for (JsonNode plugin : list.path("plugins")) {
      ObjectNode conf = pluginConfig(list, plugin, prev, ports);
      prev = exec(plugin.path("type").asText(), "ADD", containerId, netns, ifname, conf);
    }
    return new Attached(address(network, prev), JSON.writeValueAsString(prev));
  }

  /**
   * Detaches, in reverse order, undoing what ADD made (addresses, port and firewall rules); it goes
   * on past failures so that as much as possible is undone, then reports the first.
   */
  void del(
      Network network,
      String containerId,
      Path netns,
      String ifname,
      List<PortMapping> ports,
      Optional<String> result)
      throws IOException {
    ObjectNode list = config(network);
    JsonNode prev = result.isPresent() ? JSON.readTree(result.get()) : null;
    List<JsonNode> plugins = new ArrayList<>();
    list.path("plugins").forEach(plugins::add);
    IOException first = null;
    for (int i = plugins.size() - 1; i >= 0; i--) {
      ObjectNode conf = pluginConfig(list, plugins.get(i), prev, ports);
      try {
        exec(plugins.get(i).path("type").asText(), "DEL", containerId, netns, ifname, conf);
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private static ObjectNode pluginConfig(
      ObjectNode list, JsonNode plugin, JsonNode prev, List<PortMapping> ports) {
    ObjectNode conf = ((ObjectNode) plugin).deepCopy();
    conf.put("cniVersion", list.path("cniVersion").asText());
    conf.put("name", list.path("name").asText());
    if (prev != null) {
      conf.set("prevResult", prev);
    }
    if (plugin.path("capabilities").path("portMappings").asBoolean()) {
      ArrayNode pm = conf.putObject("runtimeConfig").putArray("portMappings");
      for (PortMapping p : ports) {
        ObjectNode o =
            pm.addObject()
                .put("hostPort", p.hostPort())
                .put("containerPort", p.containerPort())
                .put("protocol", p.protocol());
        if (!p.hostIp().isEmpty()) {
          o.put("hostIP", p.hostIp());
        }
      }
    }
    return conf;
  }

  private JsonNode exec(
      String type, String command, String containerId, Path netns, String ifname, ObjectNode conf)
      throws IOException {
    Path dir =
        pluginDir()
            .orElseThrow(
                () ->
                    new BerthException(
                        ErrorKind.FAILED_PRECONDITION,
                        "the CNI plugins are not installed (Debian package"
                            + " containernetworking-plugins)"));
    ProcessBuilder pb = new ProcessBuilder(dir.resolve(type).toString());
    Map<String, String> env = pb.environment();
    env.put("CNI_COMMAND", command);
    env.put("CNI_CONTAINERID", containerId);
    env.put("CNI_NETNS", netns.toString());
    env.put("CNI_IFNAME", ifname);
    env.put("CNI_PATH", dir.toString());
    pb.redirectErrorStream(false);
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(JSON.writeValueAsBytes(conf));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    int code;
    try {
      code = p.waitFor();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running the CNI " + type + " plugin", e);
    }
    if (code != 0) {
      String msg = out.strip();
      try {
        JsonNode e = JSON.readTree(out);
        msg =
            e.path("msg").asText(msg)
                + (e.hasNonNull("details") ? ": " + e.get("details").asText() : "");
      } catch (IOException notJson) {
        // keep the raw output
      }
      String why = (msg + " " + err.strip()).strip();
      throw new BerthException(
          msg.contains("address already in use") || why.contains("already in use")
              ? ErrorKind.CONFLICT
              : ErrorKind.FAILED,
          "cni-" + type,
          "network " + conf.path("name").asText() + ": CNI " + type + " " + command + ": " + why);
    }
    return out.isBlank() ? null : JSON.readTree(out);
  }

  private static ContainerState.Address address(Network network, JsonNode result) {
    String ip = "";
    int prefix = network.prefixLength();
    String gateway = network.gateway();
    String mac = "";
    if (result != null) {
      for (JsonNode i : result.path("ips")) {
        String cidr = i.path("address").asText();
        if (cidr.contains(".")) {
          ip = cidr.substring(0, cidr.indexOf('/'));
          prefix = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
          gateway = i.path("gateway").asText(gateway);
          int iface = i.path("interface").asInt(-1);
          if (iface >= 0 && iface < result.path("interfaces").size()) {
            mac = result.path("interfaces").get(iface).path("mac").asText("");
          }
          break;
        }
      }
    }
    return new ContainerState.Address(network.name(), ip, prefix, gateway, mac);
  }
}
