package dev.berth.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The resolved model as docker compose v2 renders it ({@code docker compose config}): ordered maps
 * whose key order is compose-go's field order, maps sorted by key, and the small differences
 * between its YAML and JSON output (JSON writes {@code "command": null} and empty structs such as
 * {@code "ipam": {}}; YAML leaves them out and carries {@code x-} extensions).
 */
final class Canonical {

  /** Which rendering. */
  enum Flavor {
    JSON,
    YAML
  }

  /** compose-go's order of a service's fields. */
  private static final List<String> SERVICE_ORDER =
      List.of(
          "profiles",
          "annotations",
          "attach",
          "build",
          "develop",
          "blkio_config",
          "cap_add",
          "cap_drop",
          "cgroup_parent",
          "cgroup",
          "cpu_count",
          "cpu_percent",
          "cpu_period",
          "cpu_quota",
          "cpu_rt_period",
          "cpu_rt_runtime",
          "cpus",
          "cpuset",
          "cpu_shares",
          "command",
          "configs",
          "container_name",
          "credential_spec",
          "depends_on",
          "deploy",
          "device_cgroup_rules",
          "devices",
          "dns",
          "dns_opt",
          "dns_search",
          "dockerfile",
          "domainname",
          "entrypoint",
          "provider",
          "environment",
          "env_file",
          "expose",
          "extends",
          "external_links",
          "extra_hosts",
          "group_add",
          "gpus",
          "hostname",
          "healthcheck",
          "image",
          "init",
          "ipc",
          "isolation",
          "labels",
          "label_file",
          "links",
          "logging",
          "log_driver",
          "log_opt",
          "mem_limit",
          "mem_reservation",
          "memswap_limit",
          "mem_swappiness",
          "mac_address",
          "models",
          "net",
          "network_mode",
          "networks",
          "oom_kill_disable",
          "oom_score_adj",
          "pid",
          "pids_limit",
          "platform",
          "ports",
          "privileged",
          "pull_policy",
          "read_only",
          "restart",
          "runtime",
          "scale",
          "secrets",
          "security_opt",
          "shm_size",
          "stdin_open",
          "stop_grace_period",
          "stop_signal",
          "storage_opt",
          "sysctls",
          "tmpfs",
          "tty",
          "ulimits",
          "use_api_socket",
          "user",
          "userns_mode",
          "uts",
          "volume_driver",
          "volumes",
          "volumes_from",
          "working_dir",
          "post_start",
          "pre_stop");

  private static final List<String> DEPLOY_ORDER =
      List.of(
          "mode",
          "replicas",
          "labels",
          "update_config",
          "rollback_config",
          "resources",
          "restart_policy",
          "placement",
          "endpoint_mode");

  private final Flavor flavor;

  Canonical(Flavor flavor) {
    this.flavor = flavor;
  }

  Map<String, Object> project(ComposeProject p) {
    Map<String, Object> services = new TreeMap<>();
    for (Service s : p.services().values()) {
      services.put(s.name(), service(s));
    }
    Map<String, Object> networks = new TreeMap<>();
    p.networks().forEach((k, v) -> networks.put(k, network(v)));
    Map<String, Object> volumes = new TreeMap<>();
    p.volumes().forEach((k, v) -> volumes.put(k, volume(v)));
    Map<String, Object> secrets = new TreeMap<>();
    p.secrets().forEach((k, v) -> secrets.put(k, fileObject(v, false)));
    Map<String, Object> configs = new TreeMap<>();
    p.configs().forEach((k, v) -> configs.put(k, fileObject(v, true)));
    Map<String, Object> out = new LinkedHashMap<>();
    if (flavor == Flavor.JSON) {
      // compose builds its JSON document from a map, so the top-level keys come out sorted.
      Map<String, Object> top = new TreeMap<>();
      top.put("name", p.name());
      top.put("services", services);
      putIfNotEmpty(top, "networks", networks);
      putIfNotEmpty(top, "volumes", volumes);
      putIfNotEmpty(top, "secrets", secrets);
      putIfNotEmpty(top, "configs", configs);
      top.putAll(p.extensions());
      out.putAll(top);
      return out;
    }
    out.put("name", p.name());
    out.put("services", services);
    putIfNotEmpty(out, "networks", networks);
    putIfNotEmpty(out, "volumes", volumes);
    putIfNotEmpty(out, "secrets", secrets);
    putIfNotEmpty(out, "configs", configs);
    out.putAll(new TreeMap<>(p.extensions()));
    return out;
  }

  Map<String, Object> service(Service s) {
    Map<String, Object> fields = new LinkedHashMap<>();
    putIfNotEmpty(fields, "profiles", s.profiles());
    s.build().ifPresent(b -> fields.put("build", build(b)));
    putIfNotEmpty(fields, "cap_add", s.capAdd());
    putIfNotEmpty(fields, "cap_drop", s.capDrop());
    if (s.command().isPresent()) {
      fields.put("command", s.command().get());
    } else if (flavor == Flavor.JSON) {
      fields.put("command", null);
    }
    s.containerName().ifPresent(v -> fields.put("container_name", v));
    if (!s.dependsOn().isEmpty()) {
      Map<String, Object> deps = new TreeMap<>();
      s.dependsOn()
          .forEach(
              (k, d) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("condition", d.condition());
                if (d.restart()) {
                  m.put("restart", true);
                }
                m.put("required", d.required());
                deps.put(k, m);
              });
      fields.put("depends_on", deps);
    }
    s.deploy().ifPresent(d -> fields.put("deploy", deploy(d)));
    if (s.entrypoint().isPresent()) {
      fields.put("entrypoint", s.entrypoint().get());
    } else if (flavor == Flavor.JSON) {
      fields.put("entrypoint", null);
    }
    if (!s.environment().isEmpty() || !s.unsetEnvironment().isEmpty()) {
      Map<String, Object> env = new TreeMap<>(s.environment());
      s.unsetEnvironment().forEach(k -> env.put(k, null));
      fields.put("environment", env);
    }
    putIfNotEmpty(fields, "expose", s.expose());
    putIfNotEmpty(fields, "extra_hosts", s.extraHosts());
    s.hostname().ifPresent(v -> fields.put("hostname", v));
    s.healthcheck().ifPresent(h -> fields.put("healthcheck", healthcheck(h)));
    s.image().ifPresent(v -> fields.put("image", v));
    s.init().ifPresent(v -> fields.put("init", v));
    putIfNotEmpty(fields, "labels", s.labels());
    s.networkMode().ifPresent(v -> fields.put("network_mode", v));
    if (!s.networks().isEmpty()) {
      Map<String, Object> nets = new TreeMap<>();
      s.networks().forEach((k, v) -> nets.put(k, v.map(this::attachment).orElse(null)));
      fields.put("networks", nets);
    }
    s.platform().ifPresent(v -> fields.put("platform", v));
    if (!s.ports().isEmpty()) {
      List<Object> ports = new ArrayList<>();
      s.ports().forEach(p -> ports.add(port(p)));
      fields.put("ports", ports);
    }
    putIfTrue(fields, "privileged", s.privileged());
    s.pullPolicy().ifPresent(v -> fields.put("pull_policy", v));
    putIfTrue(fields, "read_only", s.readOnly());
    s.restart().ifPresent(v -> fields.put("restart", v));
    s.scale().ifPresent(v -> fields.put("scale", (long) v));
    if (!s.secrets().isEmpty()) {
      List<Object> secrets = new ArrayList<>();
      s.secrets().forEach(r -> secrets.add(fileReference(r)));
      fields.put("secrets", secrets);
    }
    putIfTrue(fields, "stdin_open", s.stdinOpen());
    s.stopGracePeriod().ifPresent(v -> fields.put("stop_grace_period", GoDuration.format(v)));
    s.stopSignal().ifPresent(v -> fields.put("stop_signal", v));
    putIfNotEmpty(fields, "tmpfs", s.tmpfs());
    putIfTrue(fields, "tty", s.tty());
    s.user().ifPresent(v -> fields.put("user", v));
    if (!s.volumes().isEmpty()) {
      List<Object> vols = new ArrayList<>();
      s.volumes().forEach(v -> vols.add(mount(v)));
      fields.put("volumes", vols);
    }
    s.workingDir().ifPresent(v -> fields.put("working_dir", v));
    s.otherAttributes()
        .forEach(
            (k, v) -> {
              boolean stringOrList =
                  k.equals("dns") || k.equals("dns_search") || k.equals("label_file");
              fields.put(k, stringOrList && v instanceof String ? List.of(v) : v);
            });
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : SERVICE_ORDER) {
      if (fields.containsKey(key)) {
        out.put(key, fields.remove(key));
      }
    }
    out.putAll(new TreeMap<>(fields));
    if (flavor == Flavor.YAML) {
      out.putAll(s.extensions());
    }
    return out;
  }

  private Map<String, Object> build(BuildConfig b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("context", b.context());
    b.dockerfile().ifPresent(v -> m.put("dockerfile", v));
    b.dockerfileInline().ifPresent(v -> m.put("dockerfile_inline", v));
    putIfNotEmpty(m, "args", new TreeMap<>(b.args()));
    putIfNotEmpty(m, "labels", new TreeMap<>(b.labels()));
    putIfNotEmpty(m, "cache_from", b.cacheFrom());
    putIfNotEmpty(m, "cache_to", b.cacheTo());
    putIfTrue(m, "no_cache", b.noCache());
    putIfNotEmpty(m, "additional_contexts", new TreeMap<>(b.additionalContexts()));
    putIfTrue(m, "pull", b.pull());
    putIfNotEmpty(m, "extra_hosts", b.extraHosts());
    b.network().ifPresent(v -> m.put("network", v));
    b.target().ifPresent(v -> m.put("target", v));
    if (!b.secrets().isEmpty()) {
      List<Object> secrets = new ArrayList<>();
      b.secrets().forEach(r -> secrets.add(fileReference(r)));
      m.put("secrets", secrets);
    }
    b.shmSize().ifPresent(v -> m.put("shm_size", v));
    putIfNotEmpty(m, "tags", b.tags());
    putIfNotEmpty(m, "platforms", b.platforms());
    putIfTrue(m, "privileged", b.privileged());
    return m;
  }

  private Map<String, Object> deploy(Map<String, Object> d) {
    Map<String, Object> fields = new LinkedHashMap<>(d);
    if (flavor == Flavor.JSON) {
      // compose-go holds resources and placement as structs, which JSON never leaves out.
      fields.putIfAbsent("resources", Map.of());
      fields.putIfAbsent("placement", Map.of());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : DEPLOY_ORDER) {
      if (fields.containsKey(key)) {
        out.put(key, fields.remove(key));
      }
    }
    out.putAll(new TreeMap<>(fields));
    return out;
  }

  private Map<String, Object> healthcheck(HealthcheckConfig h) {
    Map<String, Object> m = new LinkedHashMap<>();
    putIfNotEmpty(m, "test", h.test());
    h.timeout().ifPresent(v -> m.put("timeout", GoDuration.format(v)));
    h.interval().ifPresent(v -> m.put("interval", GoDuration.format(v)));
    h.retries().ifPresent(v -> m.put("retries", v));
    h.startPeriod().ifPresent(v -> m.put("start_period", GoDuration.format(v)));
    h.startInterval().ifPresent(v -> m.put("start_interval", GoDuration.format(v)));
    putIfTrue(m, "disable", h.disable());
    return m;
  }

  private Map<String, Object> attachment(NetworkAttachment a) {
    Map<String, Object> m = new LinkedHashMap<>();
    putIfNotEmpty(m, "aliases", a.aliases());
    if (a.gatewayPriority() != 0) {
      m.put("gw_priority", (long) a.gatewayPriority());
    }
    a.interfaceName().ifPresent(v -> m.put("interface_name", v));
    a.ipv4Address().ifPresent(v -> m.put("ipv4_address", v));
    a.ipv6Address().ifPresent(v -> m.put("ipv6_address", v));
    a.macAddress().ifPresent(v -> m.put("mac_address", v));
    if (a.priority() != 0) {
      m.put("priority", (long) a.priority());
    }
    return m;
  }

  private Map<String, Object> port(PortConfig p) {
    Map<String, Object> m = new LinkedHashMap<>();
    p.name().ifPresent(v -> m.put("name", v));
    m.put("mode", p.mode());
    p.hostIp().ifPresent(v -> m.put("host_ip", v));
    m.put("target", (long) p.target());
    p.published().ifPresent(v -> m.put("published", v));
    m.put("protocol", p.protocol());
    p.appProtocol().ifPresent(v -> m.put("app_protocol", v));
    return m;
  }

  private Map<String, Object> mount(VolumeMount v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", v.type());
    if (!v.source().isEmpty()) {
      m.put("source", v.source());
    }
    m.put("target", v.target());
    putIfTrue(m, "read_only", v.readOnly());
    v.consistency().ifPresent(c -> m.put("consistency", c));
    v.bind()
        .ifPresent(
            b -> {
              Map<String, Object> bm = new LinkedHashMap<>();
              b.selinux().ifPresent(x -> bm.put("selinux", x));
              b.propagation().ifPresent(x -> bm.put("propagation", x));
              putIfTrue(bm, "create_host_path", b.createHostPath());
              b.recursive().ifPresent(x -> bm.put("recursive", x));
              m.put("bind", bm);
            });
    v.volume()
        .ifPresent(
            o -> {
              Map<String, Object> vm = new LinkedHashMap<>();
              putIfNotEmpty(vm, "labels", new TreeMap<>(o.labels()));
              putIfTrue(vm, "nocopy", o.noCopy());
              o.subpath().ifPresent(x -> vm.put("subpath", x));
              m.put("volume", vm);
            });
    v.tmpfs()
        .ifPresent(
            t -> {
              Map<String, Object> tm = new LinkedHashMap<>();
              t.size().ifPresent(x -> tm.put("size", x));
              t.mode().ifPresent(x -> tm.put("mode", (long) x));
              m.put("tmpfs", tm);
            });
    v.imageSubpath().ifPresent(x -> m.put("image", Map.of("subpath", x)));
    return m;
  }

  private Map<String, Object> network(NetworkConfig n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", n.name());
    n.driver().ifPresent(v -> m.put("driver", v));
    putIfNotEmpty(m, "driver_opts", new TreeMap<>(n.driverOptions()));
    if (!n.ipam().isEmpty() || flavor == Flavor.JSON) {
      m.put("ipam", ipam(n.ipam()));
    }
    putIfTrue(m, "external", n.external());
    putIfTrue(m, "internal", n.internal());
    putIfTrue(m, "attachable", n.attachable());
    putIfNotEmpty(m, "labels", new TreeMap<>(n.labels()));
    n.enableIpv4().ifPresent(v -> m.put("enable_ipv4", v));
    n.enableIpv6().ifPresent(v -> m.put("enable_ipv6", v));
    return m;
  }

  private static Map<String, Object> ipam(Map<String, Object> ipam) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : List.of("driver", "config", "options")) {
      if (ipam.containsKey(key)) {
        out.put(key, ipam.get(key));
      }
    }
    return out;
  }

  private Map<String, Object> volume(VolumeConfig v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", v.name());
    v.driver().ifPresent(x -> m.put("driver", x));
    putIfNotEmpty(m, "driver_opts", new TreeMap<>(v.driverOptions()));
    putIfTrue(m, "external", v.external());
    putIfNotEmpty(m, "labels", new TreeMap<>(v.labels()));
    return m;
  }

  private Map<String, Object> fileObject(FileObject f, boolean config) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", f.name());
    f.file().ifPresent(x -> m.put("file", x.toString()));
    f.environment().ifPresent(x -> m.put("environment", x));
    if (config && f.environment().isEmpty()) {
      f.content().ifPresent(x -> m.put("content", x));
    }
    putIfTrue(m, "external", f.external());
    putIfNotEmpty(m, "labels", new TreeMap<>(f.labels()));
    return m;
  }

  private Map<String, Object> fileReference(FileReference r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", r.source());
    r.target().ifPresent(x -> m.put("target", x));
    r.uid().ifPresent(x -> m.put("uid", x));
    r.gid().ifPresent(x -> m.put("gid", x));
    r.mode().ifPresent(x -> m.put("mode", "0" + Integer.toOctalString(x)));
    return m;
  }

  private static void putIfNotEmpty(Map<String, Object> m, String key, List<?> v) {
    if (!v.isEmpty()) {
      m.put(key, v);
    }
  }

  private static void putIfNotEmpty(Map<String, Object> m, String key, Map<String, ?> v) {
    if (!v.isEmpty()) {
      m.put(key, v);
    }
  }

  private static void putIfTrue(Map<String, Object> m, String key, boolean v) {
    if (v) {
      m.put(key, true);
    }
  }
}
