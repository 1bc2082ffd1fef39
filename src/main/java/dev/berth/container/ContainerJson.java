package dev.berth.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.json.ImageJson;
import dev.berth.runtime.Capabilities;
import dev.berth.runtime.DeviceNode;
import dev.berth.runtime.ProcessExtras;
import dev.berth.runtime.SeccompProfile;
import dev.berth.runtime.Security;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A container's spec and state as JSON, kept apart from the records. */
final class ContainerJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ContainerJson() {}

  static byte[] write(ContainerSpec c) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", c.id());
    n.put("name", c.name());
    n.put("created", c.created().toString());
    n.put("image", c.image());
    n.put("imageId", c.imageId().toString());
    n.set("manifest", JSON.readTree(ImageJson.writeDescriptor(c.manifest())));
    ArrayNode layers = n.putArray("layers");
    for (Descriptor d : c.layers()) {
      layers.add(JSON.readTree(ImageJson.writeDescriptor(d)));
    }
    strings(n.putArray("diffIds"), c.diffIds().stream().map(Digest::toString).toList());
    strings(n.putArray("args"), c.args());
    strings(n.putArray("env"), c.env());
    n.put("workdir", c.workdir());
    n.put("user", c.user());
    n.put("hostname", c.hostname());
    ObjectNode labels = n.putObject("labels");
    c.labels().forEach(labels::put);
    n.put("tty", c.tty());
    n.put("interactive", c.interactive());
    ArrayNode mounts = n.putArray("mounts");
    for (MountRequest m : c.mounts()) {
      ObjectNode o = mounts.addObject();
      o.put("target", m.target());
      if (m instanceof MountRequest.Bind b) {
        o.put("type", "bind").put("source", b.source().toString()).put("readOnly", b.readOnly());
      } else if (m instanceof MountRequest.Volume v) {
        o.put("type", "volume").put("name", v.name()).put("readOnly", v.readOnly());
      } else if (m instanceof MountRequest.Tmpfs t) {
        o.put("type", "tmpfs");
        strings(o.putArray("options"), t.options());
      }
    }
    ObjectNode net = n.putObject("network");
    if (c.network() instanceof NetworkMode.Host) {
      net.put("mode", "host");
    } else if (c.network() instanceof NetworkMode.None) {
      net.put("mode", "none");
    } else if (c.network() instanceof NetworkMode.Bridged b) {
      net.put("mode", "bridge");
      ArrayNode a = net.putArray("networks");
      for (NetworkAttachment att : b.networks()) {
        ObjectNode o = a.addObject().put("name", att.network());
        strings(o.putArray("aliases"), att.aliases());
      }
    }
    ArrayNode ports = n.putArray("ports");
    for (PortMapping p : c.ports()) {
      ports
          .addObject()
          .put("hostIp", p.hostIp())
          .put("hostPort", p.hostPort())
          .put("containerPort", p.containerPort())
          .put("protocol", p.protocol());
    }
    n.put("init", c.init());
    n.put("stopSignal", c.stopSignal());
    n.put("stopTimeout", c.stopTimeout());
    n.put("autoRemove", c.autoRemove());
    n.put("snapshotter", c.snapshotter());
    c.keepId()
        .ifPresent(
            k ->
                n.putObject("keepId")
                    .put("uid", k.uid())
                    .put("gid", k.gid())
                    .put("user", k.user()));
    ObjectNode security = n.putObject("security");
    security.put("privileged", c.security().privileged());
    strings(security.putArray("capabilities"), c.security().capabilities());
    if (c.security().seccomp().isPresent()) {
      security.set("seccomp", c.security().seccomp().get().toOci());
    } else {
      security.putNull("seccomp");
    }
    security.put("noNewPrivileges", c.security().noNewPrivileges());
    strings(security.putArray("options"), c.security().options());
    ArrayNode devices = security.putArray("devices");
    for (DeviceNode d : c.security().devices()) {
      devices
          .addObject()
          .put("path", d.path())
          .put("type", String.valueOf(d.type()))
          .put("major", d.major())
          .put("minor", d.minor())
          .put("fileMode", d.fileMode())
          .put("uid", d.uid())
          .put("gid", d.gid())
          .put("access", d.access());
    }
    if (!c.extras().equals(ProcessExtras.NONE)) {
      ObjectNode x = n.putObject("extras");
      ArrayNode hosts = x.putArray("hosts");
      c.extras().hosts().forEach(h -> hosts.addObject().put("name", h.name()).put("ip", h.ip()));
      ArrayNode limits = x.putArray("rlimits");
      c.extras()
          .rlimits()
          .forEach(
              l ->
                  limits
                      .addObject()
                      .put("type", l.type())
                      .put("soft", l.soft())
                      .put("hard", l.hard()));
      c.extras().shmSize().ifPresent(v -> x.put("shmSize", v));
    }
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n);
  }

  /** {@code --add-host}, {@code --ulimit}, {@code --shm-size}; none in older records. */
  private static ProcessExtras extras(JsonNode x) {
    if (x.isMissingNode()) {
      return ProcessExtras.NONE;
    }
    List<ProcessExtras.HostEntry> hosts = new ArrayList<>();
    for (JsonNode h : x.path("hosts")) {
      hosts.add(new ProcessExtras.HostEntry(h.path("name").asText(), h.path("ip").asText()));
    }
    List<ProcessExtras.Rlimit> limits = new ArrayList<>();
    for (JsonNode l : x.path("rlimits")) {
      limits.add(
          new ProcessExtras.Rlimit(
              l.path("type").asText(), l.path("soft").asLong(), l.path("hard").asLong()));
    }
    return new ProcessExtras(
        hosts,
        limits,
        x.has("shmSize")
            ? java.util.OptionalLong.of(x.path("shmSize").asLong())
            : java.util.OptionalLong.empty());
  }

  static ContainerSpec readSpec(byte[] bytes, Path file) throws BerthException {
    try {
      JsonNode n = JSON.readTree(bytes);
      List<Descriptor> layers = new ArrayList<>();
      for (JsonNode l : n.path("layers")) {
        layers.add(ImageJson.readDescriptor(l));
      }
      List<MountRequest> mounts = new ArrayList<>();
      for (JsonNode m : n.path("mounts")) {
        String target = m.path("target").asText();
        switch (m.path("type").asText()) {
          case "bind" ->
              mounts.add(
                  new MountRequest.Bind(
                      Path.of(m.path("source").asText()), target, m.path("readOnly").asBoolean()));
          case "volume" ->
              mounts.add(
                  new MountRequest.Volume(
                      m.path("name").asText(), target, m.path("readOnly").asBoolean()));
          case "tmpfs" -> mounts.add(new MountRequest.Tmpfs(target, strings(m.path("options"))));
          default -> throw new IllegalArgumentException("unknown mount type " + m.path("type"));
        }
      }
      JsonNode net = n.path("network");
      NetworkMode network =
          switch (net.path("mode").asText()) {
            case "host" -> new NetworkMode.Host();
            case "none" -> new NetworkMode.None();
            case "bridge" -> {
              List<NetworkAttachment> atts = new ArrayList<>();
              for (JsonNode a : net.path("networks")) {
                atts.add(
                    new NetworkAttachment(a.path("name").asText(), strings(a.path("aliases"))));
              }
              yield new NetworkMode.Bridged(atts);
            }
            default -> throw new IllegalArgumentException("unknown network mode " + net);
          };
      List<PortMapping> ports = new ArrayList<>();
      for (JsonNode p : n.path("ports")) {
        ports.add(
            new PortMapping(
                p.path("hostIp").asText(),
                p.path("hostPort").asInt(),
                p.path("containerPort").asInt(),
                p.path("protocol").asText()));
      }
      Map<String, String> labels = new LinkedHashMap<>();
      n.path("labels")
          .fields()
          .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      return new ContainerSpec(
          n.path("id").asText(),
          n.path("name").asText(),
          Instant.parse(n.path("created").asText()),
          n.path("image").asText(),
          Digest.parse(n.path("imageId").asText()),
          ImageJson.readDescriptor(n.path("manifest")),
          layers,
          strings(n.path("diffIds")).stream().map(Digest::parse).toList(),
          strings(n.path("args")),
          strings(n.path("env")),
          n.path("workdir").asText(),
          n.path("user").asText(),
          n.path("hostname").asText(),
          labels,
          n.path("tty").asBoolean(),
          n.path("interactive").asBoolean(),
          mounts,
          network,
          ports,
          n.path("init").asBoolean(),
          n.path("stopSignal").asText(),
          n.path("stopTimeout").asInt(10),
          n.path("autoRemove").asBoolean(),
          n.path("snapshotter").asText("overlay"),
          n.has("keepId")
              ? Optional.of(
                  new KeepId(
                      n.path("keepId").path("uid").asLong(),
                      n.path("keepId").path("gid").asLong(),
                      n.path("keepId").path("user").asText()))
              : Optional.empty(),
          security(n.path("security")),
          extras(n.path("extras")));
    } catch (IOException | RuntimeException e) {
      throw corrupt(file, e);
    }
  }

  /**
   * A container made before berth kept its security settings has docker's defaults, and one made
   * before it kept a seccomp profile gets docker's for its capabilities (unless privileged).
   */
  private static Security security(JsonNode n) {
    if (n.isMissingNode()) {
      return Security.DEFAULT;
    }
    List<DeviceNode> devices = new ArrayList<>();
    for (JsonNode d : n.path("devices")) {
      devices.add(
          new DeviceNode(
              d.path("path").asText(),
              d.path("type").asText("c").charAt(0),
              d.path("major").asLong(),
              d.path("minor").asLong(),
              d.path("fileMode").asInt(0666),
              d.path("uid").asLong(),
              d.path("gid").asLong(),
              d.path("access").asText("rwm")));
    }
    boolean privileged = n.path("privileged").asBoolean();
    List<String> caps =
        n.has("capabilities") ? strings(n.path("capabilities")) : Capabilities.DEFAULT;
    Security defaults = new Security(privileged, caps, devices);
    if (!n.has("seccomp")) {
      return defaults;
    }
    JsonNode seccomp = n.path("seccomp");
    return new Security(
        privileged,
        caps,
        devices,
        seccomp.isNull() ? Optional.empty() : Optional.of(SeccompProfile.fromOci(seccomp)),
        n.path("noNewPrivileges").asBoolean(),
        strings(n.path("options")));
  }

  static byte[] write(ContainerState s) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.put("status", s.status().label());
    n.put("pid", s.pid());
    n.put("conmonPid", s.conmonPid());
    s.startedAt().ifPresent(t -> n.put("startedAt", t.toString()));
    s.finishedAt().ifPresent(t -> n.put("finishedAt", t.toString()));
    n.put("exitCode", s.exitCode());
    n.put("rootMounted", s.rootMounted());
    s.netns().ifPresent(ns -> n.put("netns", ns));
    ArrayNode a = n.putArray("addresses");
    for (ContainerState.Address ad : s.addresses()) {
      a.addObject()
          .put("network", ad.network())
          .put("ip", ad.ip())
          .put("prefixLength", ad.prefixLength())
          .put("gateway", ad.gateway())
          .put("mac", ad.mac());
    }
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n);
  }

  static ContainerState readState(byte[] bytes, Path file) throws BerthException {
    try {
      JsonNode n = JSON.readTree(bytes);
      List<ContainerState.Address> addresses = new ArrayList<>();
      for (JsonNode a : n.path("addresses")) {
        addresses.add(
            new ContainerState.Address(
                a.path("network").asText(),
                a.path("ip").asText(),
                a.path("prefixLength").asInt(),
                a.path("gateway").asText(),
                a.path("mac").asText()));
      }
      return new ContainerState(
          ContainerState.Status.valueOf(n.path("status").asText().toUpperCase(Locale.ROOT)),
          n.path("pid").asLong(),
          n.path("conmonPid").asLong(),
          time(n, "startedAt"),
          time(n, "finishedAt"),
          n.path("exitCode").asInt(),
          n.path("rootMounted").asBoolean(),
          n.hasNonNull("netns") ? Optional.of(n.get("netns").asText()) : Optional.empty(),
          addresses);
    } catch (IOException | RuntimeException e) {
      throw corrupt(file, e);
    }
  }

  private static Optional<Instant> time(JsonNode n, String field) {
    return n.hasNonNull(field)
        ? Optional.of(Instant.parse(n.get(field).asText()))
        : Optional.empty();
  }

  private static void strings(ArrayNode a, List<String> values) {
    values.forEach(a::add);
  }

  private static List<String> strings(JsonNode a) {
    List<String> out = new ArrayList<>();
    a.forEach(v -> out.add(v.asText()));
    return out;
  }

  private static BerthException corrupt(Path file, Exception e) {
    return new BerthException(
        ErrorKind.FAILED_PRECONDITION, file + ": corrupt container record: " + e.getMessage(), e);
  }
}
