package dev.berth.compose;

import dev.berth.diag.BerthException;
import dev.berth.diag.Diagnostic;
import dev.berth.diag.SourceRange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a merged, validated compose tree into the typed {@link ComposeProject}: short syntaxes
 * expanded, defaults filled in, relative paths resolved against the project folder, environment and
 * build args resolved, {@code env_file}s read, the implicit {@code default} network added and
 * resources named, as docker compose normalises a project.
 */
final class ModelBuilder {

  /** The service keys the typed model holds; any other key is kept as a plain value. */
  private static final Set<String> TYPED =
      Set.of(
          "build",
          "image",
          "command",
          "entrypoint",
          "user",
          "working_dir",
          "environment",
          "env_file",
          "ports",
          "expose",
          "volumes",
          "tmpfs",
          "networks",
          "network_mode",
          "hostname",
          "extra_hosts",
          "healthcheck",
          "restart",
          "deploy",
          "scale",
          "labels",
          "init",
          "stop_signal",
          "stop_grace_period",
          "cap_add",
          "cap_drop",
          "privileged",
          "read_only",
          "tty",
          "stdin_open",
          "container_name",
          "depends_on",
          "platform",
          "pull_policy",
          "secrets",
          "profiles",
          "extends");

  private final String project;
  private final Path workingDir;
  private final Map<String, String> env;
  private final String hostPlatform;
  private final List<Diagnostic> warnings;

  ModelBuilder(
      String project,
      Path workingDir,
      Map<String, String> env,
      String hostPlatform,
      List<Diagnostic> warnings) {
    this.project = project;
    this.workingDir = workingDir;
    this.env = env;
    this.hostPlatform = hostPlatform;
    this.warnings = warnings;
  }

  /** The typed services, top-level resources and extensions of a model. */
  record Parts(
      Map<String, Service> services,
      Map<String, YMap> serviceNodes,
      Map<String, NetworkConfig> networks,
      Map<String, VolumeConfig> volumes,
      Map<String, FileObject> secrets,
      Map<String, FileObject> configs,
      Map<String, Object> extensions) {}

  Parts build(YMap model) throws BerthException {
    if (model.has("include")) {
      throw error(
          "compose-unsupported",
          "include is not supported by berth; list the files with -f instead",
          model.keyRange("include"));
    }
    Map<String, Service> services = new TreeMap<>();
    Map<String, YMap> nodes = new TreeMap<>();
    boolean usesDefault = false;
    if (model.get("services") instanceof YMap ss) {
      for (String name : ss.keys()) {
        YNode n = ss.get(name);
        YMap s = n instanceof YMap m ? m : YMap.empty(n.range());
        Service service = service(name, s, KeyPath.of("services").key(name), ss.keyRange(name));
        services.put(name, service);
        nodes.put(name, s);
        usesDefault |= service.networks().containsKey("default");
      }
    }
    Map<String, NetworkConfig> networks = new TreeMap<>();
    YMap nets = model.get("networks") instanceof YMap m ? m : null;
    if (nets != null) {
      for (String key : nets.keys()) {
        networks.put(key, network(key, nets.get(key), KeyPath.of("networks").key(key)));
      }
    }
    if (usesDefault && !networks.containsKey("default")) {
      networks.put(
          "default",
          new NetworkConfig(
              project + "_default",
              Optional.empty(),
              Map.of(),
              Map.of(),
              false,
              false,
              false,
              Map.of(),
              Optional.empty(),
              Optional.empty()));
    }
    Map<String, VolumeConfig> volumes = new TreeMap<>();
    if (model.get("volumes") instanceof YMap vs) {
      for (String key : vs.keys()) {
        volumes.put(key, volume(key, vs.get(key), KeyPath.of("volumes").key(key)));
      }
    }
    Map<String, FileObject> secrets = fileObjects(model, "secrets");
    Map<String, FileObject> configs = fileObjects(model, "configs");
    Map<String, Object> extensions = new TreeMap<>();
    for (String key : model.keys()) {
      if (key.startsWith("x-")) {
        extensions.put(key, Plain.of(model.get(key)));
      }
    }
    return new Parts(services, nodes, networks, volumes, secrets, configs, extensions);
  }

  // ---------------------------------------------------------------- services

  private Service service(String name, YMap s, KeyPath path, SourceRange range)
      throws BerthException {
    Optional<BuildConfig> build =
        s.has("build") ? Optional.of(build(s.get("build"), path.key("build"))) : Optional.empty();
    Map<String, String> environment = new TreeMap<>();
    Set<String> unset = new LinkedHashSet<>();
    List<EnvFile> envFiles = envFiles(s.get("env_file"));
    Map<String, Optional<String>> own = keyValues(s.get("environment"));
    Map<String, String> ownSet = new TreeMap<>();
    for (Map.Entry<String, Optional<String>> e : own.entrySet()) {
      Optional<String> v = e.getValue().or(() -> Optional.ofNullable(env.get(e.getKey())));
      v.ifPresent(value -> ownSet.put(e.getKey(), value));
    }
    for (EnvFile f : envFiles) {
      environment.putAll(readEnvFile(f, ownSet, s.keyRange("env_file")));
    }
    for (Map.Entry<String, Optional<String>> e : own.entrySet()) {
      String value = ownSet.get(e.getKey());
      if (value != null) {
        environment.put(e.getKey(), value);
        unset.remove(e.getKey());
      } else {
        // Like docker compose, a variable named without a value hides an env_file's value.
        environment.remove(e.getKey());
        unset.add(e.getKey());
      }
    }

    Map<String, Optional<NetworkAttachment>> networks = serviceNetworks(s.get("networks"));
    Optional<String> networkMode = optString(s, "network_mode");
    if (networks.isEmpty() && networkMode.isEmpty() && !s.has("provider")) {
      networks.put("default", Optional.empty());
    }

    Optional<Integer> replicas = Optional.empty();
    Optional<Map<String, Object>> deploy = Optional.empty();
    if (s.get("deploy") instanceof YMap d) {
      @SuppressWarnings("unchecked")
      Map<String, Object> plain = (Map<String, Object>) Plain.of(d);
      deploy = Optional.of(plain);
      if (d.get("replicas") instanceof YScalar r) {
        replicas = Optional.of(Integer.parseInt(r.value()));
      }
    }
    Optional<Integer> scale =
        s.get("scale") instanceof YScalar sc
            ? Optional.of(Integer.parseInt(sc.value()))
            : Optional.empty();
    if (scale.isPresent() && replicas.isPresent() && !scale.equals(replicas)) {
      throw error(
          "compose-conflict",
          path + ": can't set distinct values on 'scale' and 'deploy.replicas'",
          s.keyRange("scale"));
    }

    Map<String, Dependency> dependsOn = dependsOn(s.get("depends_on"));
    for (String link : strings(s.get("links"))) {
      dependsOn.putIfAbsent(link.split(":")[0], new Dependency(Dependency.STARTED, true, true));
    }
    for (String key : List.of("network_mode", "ipc", "pid", "uts", "cgroup")) {
      Optional<String> mode = optString(s, key);
      if (mode.isPresent() && mode.get().startsWith("service:")) {
        dependsOn.putIfAbsent(
            mode.get().substring("service:".length()),
            new Dependency(Dependency.STARTED, true, true));
      }
    }
    for (String from : strings(s.get("volumes_from"))) {
      if (!from.startsWith("container:")) {
        dependsOn.putIfAbsent(from.split(":")[0], new Dependency(Dependency.STARTED, true, false));
      }
    }

    Map<String, Object> others = new TreeMap<>();
    Map<String, Object> extensions = new TreeMap<>();
    for (String key : s.keys()) {
      if (key.startsWith("x-")) {
        extensions.put(key, Plain.of(s.get(key)));
      } else if (!TYPED.contains(key)) {
        others.put(key, Plain.of(s.get(key)));
      }
    }
    Optional<String> pullPolicy =
        optString(s, "pull_policy").map(p -> p.equals("if_not_present") ? "missing" : p);

    return new Service(
        name,
        strings(s.get("profiles")),
        build,
        optString(s, "image"),
        command(s, "command", path),
        command(s, "entrypoint", path),
        optString(s, "user"),
        optString(s, "working_dir"),
        environment,
        unset,
        envFiles,
        ports(s.get("ports"), path.key("ports")),
        strings(s.get("expose")),
        mounts(s.get("volumes"), path.key("volumes")),
        strings(s.get("tmpfs")),
        networks,
        networkMode,
        optString(s, "hostname"),
        extraHosts(s.get("extra_hosts"), path.key("extra_hosts")),
        healthcheck(s.get("healthcheck"), path.key("healthcheck")),
        restart(s, path),
        replicas,
        scale,
        labels(s.get("labels")),
        optBool(s, "init"),
        optString(s, "stop_signal"),
        duration(s, "stop_grace_period", path),
        strings(s.get("cap_add")),
        strings(s.get("cap_drop")),
        flag(s, "privileged"),
        flag(s, "read_only"),
        flag(s, "tty"),
        flag(s, "stdin_open"),
        optString(s, "container_name"),
        dependsOn,
        optString(s, "platform"),
        pullPolicy,
        fileReferences(s.get("secrets"), "/run/secrets/"),
        deploy,
        others,
        extensions,
        range);
  }

  private BuildConfig build(YNode node, KeyPath path) throws BerthException {
    YMap b = node instanceof YMap m ? m : YMap.empty(node.range()).with("context", node);
    String context = optString(b, "context").orElse(".");
    if (isRemote(context)) {
      throw error(
          "compose-unsupported",
          path.key("context")
              + ": berth builds only from a local folder, not from a git repository or URL ("
              + context
              + ")",
          b.get("context") == null ? b.range() : b.get("context").range());
    }
    if (b.has("ssh") && !isEmpty(b.get("ssh"))) {
      throw error(
          "compose-unsupported",
          path.key("ssh") + ": berth does not forward SSH agents or keys to builds",
          b.keyRange("ssh"));
    }
    List<String> platforms = strings(b.get("platforms"));
    if (b.get("platforms") instanceof YSeq ps) {
      for (YNode p : ps.items()) {
        String platform = ((YScalar) p).value();
        if (!platform.equals(hostPlatform)) {
          throw error(
              "compose-unsupported",
              path.key("platforms") + ": berth builds only " + hostPlatform + ", not " + platform,
              p.range());
        }
      }
    }
    Optional<String> inline = optString(b, "dockerfile_inline");
    Optional<String> dockerfile = optString(b, "dockerfile");
    if (dockerfile.isEmpty() && inline.isEmpty()) {
      dockerfile = Optional.of("Dockerfile");
    }
    Map<String, String> args = new TreeMap<>();
    for (Map.Entry<String, Optional<String>> e : keyValues(b.get("args")).entrySet()) {
      Optional<String> v = e.getValue().or(() -> Optional.ofNullable(env.get(e.getKey())));
      v.ifPresent(value -> args.put(e.getKey(), value));
    }
    Map<String, String> contexts = new TreeMap<>();
    for (Map.Entry<String, Optional<String>> e :
        keyValues(b.get("additional_contexts")).entrySet()) {
      String c = e.getValue().orElse("");
      contexts.put(e.getKey(), isRemote(c) || c.contains(":") ? c : absolute(c));
    }
    return new BuildConfig(
        absolute(context),
        dockerfile,
        inline,
        args,
        labels(b.get("labels")),
        optString(b, "target"),
        strings(b.get("tags")),
        fileReferences(b.get("secrets"), null),
        optString(b, "network"),
        strings(b.get("cache_from")),
        strings(b.get("cache_to")),
        flag(b, "no_cache"),
        flag(b, "pull"),
        platforms,
        contexts,
        extraHosts(b.get("extra_hosts"), path.key("extra_hosts")),
        optString(b, "shm_size"),
        flag(b, "privileged"));
  }

  static boolean isRemote(String context) {
    return context.contains("://")
        || context.startsWith("git@")
        || context.startsWith("github.com/")
        || context.endsWith(".git");
  }

  private Optional<List<String>> command(YMap s, String key, KeyPath path) throws BerthException {
    YNode node = s.get(key);
    if (node == null || (node instanceof YScalar sc && sc.isNull())) {
      return Optional.empty();
    }
    if (node instanceof YSeq seq) {
      return Optional.of(strings(seq));
    }
    String line = ((YScalar) node).value();
    ShellWords.Result r;
    try {
      r = ShellWords.split(line);
    } catch (IllegalArgumentException e) {
      throw error("compose-value", path.key(key) + ": " + e.getMessage(), node.range());
    }
    if (r.stoppedAt() >= 0) {
      warnings.add(
          Diagnostic.warning(
              "compose-command-cut",
              path.key(key)
                  + " is cut at '"
                  + line.charAt(r.stoppedAt())
                  + "' as docker compose cuts it; use a list, or sh -c, to run a shell line",
              node.range()));
    }
    return Optional.of(r.words());
  }

  private List<PortConfig> ports(YNode node, KeyPath path) throws BerthException {
    List<PortConfig> out = new ArrayList<>();
    if (!(node instanceof YSeq seq)) {
      return out;
    }
    for (YNode item : seq.items()) {
      if (item instanceof YMap m) {
        out.add(
            new PortConfig(
                optString(m, "name"),
                optString(m, "mode").orElse("ingress"),
                optString(m, "host_ip"),
                Integer.parseInt(optString(m, "target").orElse("0")),
                optString(m, "published"),
                optString(m, "protocol").orElse("tcp"),
                optString(m, "app_protocol")));
      } else {
        YScalar s = (YScalar) item;
        if (s.kind() == YScalar.Kind.INT) {
          out.add(
              new PortConfig(
                  Optional.empty(),
                  "ingress",
                  Optional.empty(),
                  Integer.parseInt(s.value()),
                  Optional.empty(),
                  "tcp",
                  Optional.empty()));
          continue;
        }
        try {
          out.addAll(PortSpec.parse(s.value()));
        } catch (PortSpec.PortSpecException e) {
          throw error("compose-value", path + ": " + e.getMessage(), s.range());
        }
      }
    }
    // Ranges can overlap other entries once expanded: keep the last of each.
    LinkedHashMap<String, PortConfig> unique = new LinkedHashMap<>();
    for (PortConfig p : out) {
      unique.put(p.uniqueKey(), p);
    }
    return new ArrayList<>(unique.values());
  }

  private List<VolumeMount> mounts(YNode node, KeyPath path) throws BerthException {
    List<VolumeMount> out = new ArrayList<>();
    if (!(node instanceof YSeq seq)) {
      return out;
    }
    for (YNode item : seq.items()) {
      if (item instanceof YScalar s) {
        VolumeSpec v;
        try {
          v = VolumeSpec.parse(s.value());
        } catch (VolumeSpec.VolumeSpecException e) {
          throw error("compose-value", path + ": " + e.getMessage(), s.range());
        }
        boolean bind = v.type().equals("bind");
        out.add(
            new VolumeMount(
                v.type(),
                bind ? absolute(v.source()) : v.source(),
                VolumeSpec.cleanPath(v.target()),
                v.readOnly(),
                Optional.empty(),
                bind
                    ? Optional.of(
                        new VolumeMount.Bind(v.propagation(), true, v.selinux(), Optional.empty()))
                    : Optional.empty(),
                bind
                    ? Optional.empty()
                    : Optional.of(
                        new VolumeMount.VolumeOptions(v.noCopy(), Optional.empty(), Map.of())),
                Optional.empty(),
                Optional.empty()));
        continue;
      }
      YMap m = (YMap) item;
      String type = optString(m, "type").orElse("volume");
      String source = optString(m, "source").orElse("");
      if (type.equals("bind")) {
        if (source.isEmpty()) {
          throw error("compose-value", path + ": a bind mount needs a source", m.range());
        }
        source = absolute(source);
      }
      Optional<VolumeMount.Bind> bind = Optional.empty();
      if (m.get("bind") instanceof YMap b) {
        bind =
            Optional.of(
                new VolumeMount.Bind(
                    optString(b, "propagation"),
                    optBool(b, "create_host_path").orElse(true),
                    optString(b, "selinux"),
                    optString(b, "recursive")));
      }
      Optional<VolumeMount.VolumeOptions> vol = Optional.empty();
      if (m.get("volume") instanceof YMap v) {
        vol =
            Optional.of(
                new VolumeMount.VolumeOptions(
                    flag(v, "nocopy"), optString(v, "subpath"), labels(v.get("labels"))));
      }
      Optional<VolumeMount.Tmpfs> tmpfs = Optional.empty();
      if (m.get("tmpfs") instanceof YMap t) {
        Optional<Long> size = Optional.empty();
        if (t.get("size") instanceof YScalar sz) {
          Long bytes = ByteSize.parse(sz.value());
          if (bytes == null) {
            throw error("compose-value", path + ": invalid tmpfs size " + sz.value(), sz.range());
          }
          size = Optional.of(bytes);
        }
        Optional<Integer> mode = Optional.empty();
        if (t.get("mode") instanceof YScalar md) {
          mode = Optional.of(octal(md, path));
        }
        tmpfs = Optional.of(new VolumeMount.Tmpfs(size, mode));
      }
      Optional<String> imageSubpath =
          m.get("image") instanceof YMap im ? optString(im, "subpath") : Optional.empty();
      out.add(
          new VolumeMount(
              type,
              source,
              VolumeSpec.cleanPath(optString(m, "target").orElse("")),
              flag(m, "read_only"),
              optString(m, "consistency"),
              bind,
              vol,
              tmpfs,
              imageSubpath));
    }
    LinkedHashMap<String, VolumeMount> unique = new LinkedHashMap<>();
    for (VolumeMount v : out) {
      unique.put(v.target(), v);
    }
    return new ArrayList<>(unique.values());
  }

  /** The {@code restart:} text as written, once it is known to be a policy compose accepts. */
  private static Optional<String> restart(YMap s, KeyPath path) throws BerthException {
    Optional<String> value = optString(s, "restart");
    if (value.isPresent()) {
      try {
        RestartPolicy.parse(value.get());
      } catch (IllegalArgumentException e) {
        throw error(
            "compose-value", path.key("restart") + ": " + e.getMessage(), s.get("restart").range());
      }
    }
    return value;
  }

  private static int octal(YScalar s, KeyPath path) throws BerthException {
    try {
      return s.kind() == YScalar.Kind.INT
          ? Integer.decode(s.value())
          : Integer.parseInt(s.value(), 8);
    } catch (NumberFormatException e) {
      throw error("compose-value", path + ": invalid file mode " + s.value(), s.range());
    }
  }

  private Map<String, Optional<NetworkAttachment>> serviceNetworks(YNode node) {
    Map<String, Optional<NetworkAttachment>> out = new TreeMap<>();
    if (node instanceof YSeq seq) {
      for (String n : strings(seq)) {
        out.put(n, Optional.empty());
      }
    } else if (node instanceof YMap m) {
      for (String key : m.keys()) {
        if (m.get(key) instanceof YMap a) {
          out.put(
              key,
              Optional.of(
                  new NetworkAttachment(
                      strings(a.get("aliases")),
                      optString(a, "ipv4_address"),
                      optString(a, "ipv6_address"),
                      optString(a, "mac_address"),
                      optString(a, "interface_name"),
                      (int) optNumber(a, "priority"),
                      (int) optNumber(a, "gw_priority"))));
        } else {
          out.put(key, Optional.empty());
        }
      }
    }
    return out;
  }

  private Optional<HealthcheckConfig> healthcheck(YNode node, KeyPath path) throws BerthException {
    if (!(node instanceof YMap h)) {
      return Optional.empty();
    }
    List<String> test = List.of();
    YNode t = h.get("test");
    if (t instanceof YScalar s) {
      test = List.of("CMD-SHELL", s.value());
    } else if (t instanceof YSeq seq) {
      test = strings(seq);
    }
    Optional<Long> retries =
        h.get("retries") instanceof YScalar r
            ? Optional.of((long) Double.parseDouble(r.value()))
            : Optional.empty();
    return Optional.of(
        new HealthcheckConfig(
            test,
            duration(h, "timeout", path),
            duration(h, "interval", path),
            retries,
            duration(h, "start_period", path),
            duration(h, "start_interval", path),
            flag(h, "disable")));
  }

  private Map<String, Dependency> dependsOn(YNode node) {
    Map<String, Dependency> out = new TreeMap<>();
    if (node instanceof YSeq seq) {
      for (String s : strings(seq)) {
        out.put(s, new Dependency(Dependency.STARTED, true, false));
      }
    } else if (node instanceof YMap m) {
      for (String key : m.keys()) {
        YMap d = m.get(key) instanceof YMap dm ? dm : YMap.empty(m.range());
        out.put(
            key,
            new Dependency(
                optString(d, "condition").orElse(Dependency.STARTED),
                optBool(d, "required").orElse(true),
                flag(d, "restart")));
      }
    }
    return out;
  }

  private List<String> extraHosts(YNode node, KeyPath path) throws BerthException {
    List<String> out = new ArrayList<>();
    List<String[]> pairs = new ArrayList<>();
    if (node instanceof YMap m) {
      for (String host : m.keys()) {
        YNode v = m.get(host);
        if (v instanceof YSeq ips) {
          for (String ip : strings(ips)) {
            pairs.add(new String[] {host, ip});
          }
        } else {
          pairs.add(new String[] {host, Plain.text((YScalar) v)});
        }
      }
    } else if (node instanceof YSeq seq) {
      for (YNode item : seq.items()) {
        String entry = Plain.text((YScalar) item);
        int sep = entry.indexOf('=');
        if (sep < 0) {
          sep = entry.indexOf(':');
        }
        if (sep < 0) {
          throw error(
              "compose-value",
              path + ": invalid additional host, missing IP: " + entry,
              item.range());
        }
        for (String ip : entry.substring(sep + 1).split(",")) {
          pairs.add(new String[] {entry.substring(0, sep), ip});
        }
      }
    }
    for (String[] p : pairs) {
      String ip = p[1];
      if (ip.length() > 2 && ip.startsWith("[") && ip.endsWith("]")) {
        ip = ip.substring(1, ip.length() - 1);
      }
      if (p[0].isEmpty() || p[0].contains(":") || p[0].contains("=")) {
        throw error("compose-value", path + ": bad host name '" + p[0] + "'", node.range());
      }
      out.add(p[0] + "=" + ip);
    }
    out.sort(null);
    return out;
  }

  private List<EnvFile> envFiles(YNode node) {
    List<EnvFile> out = new ArrayList<>();
    if (node instanceof YScalar s) {
      out.add(new EnvFile(Path.of(absolute(s.value())), true));
    } else if (node instanceof YSeq seq) {
      for (YNode item : seq.items()) {
        if (item instanceof YMap m) {
          out.add(
              new EnvFile(
                  Path.of(absolute(optString(m, "path").orElse(""))),
                  optBool(m, "required").orElse(true)));
        } else {
          out.add(new EnvFile(Path.of(absolute(((YScalar) item).value())), true));
        }
      }
    }
    return out;
  }

  private Map<String, String> readEnvFile(EnvFile f, Map<String, String> service, SourceRange at)
      throws BerthException {
    if (!Files.exists(f.path())) {
      if (f.required()) {
        throw error("compose-env-file", "env file " + f.path() + " not found", at);
      }
      return Map.of();
    }
    try {
      String text = Files.readString(f.path(), StandardCharsets.UTF_8);
      return DotEnv.parse(
          text, k -> Optional.ofNullable(env.get(k)).or(() -> Optional.ofNullable(service.get(k))));
    } catch (IOException e) {
      throw error(
          "compose-env-file", "cannot read env file " + f.path() + ": " + e.getMessage(), at);
    } catch (DotEnv.DotEnvException e) {
      throw error(
          "compose-env-file",
          "failed to read " + f.path() + ": " + e.getMessage(),
          SourceRange.at(f.path().toString(), e.line(), 1));
    }
  }

  private List<FileReference> fileReferences(YNode node, String defaultTargetPrefix)
      throws BerthException {
    List<FileReference> out = new ArrayList<>();
    if (!(node instanceof YSeq seq)) {
      return out;
    }
    for (YNode item : seq.items()) {
      if (item instanceof YScalar s) {
        out.add(
            new FileReference(
                s.value(),
                Optional.ofNullable(defaultTargetPrefix).map(p -> p + s.value()),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
        continue;
      }
      YMap m = (YMap) item;
      String source = optString(m, "source").orElse("");
      Optional<String> target = optString(m, "target");
      if (target.isEmpty() && defaultTargetPrefix != null) {
        target = Optional.of(defaultTargetPrefix + source);
      }
      Optional<Integer> mode = Optional.empty();
      if (m.get("mode") instanceof YScalar md) {
        mode = Optional.of(octal(md, KeyPath.of("mode")));
      }
      out.add(new FileReference(source, target, optString(m, "uid"), optString(m, "gid"), mode));
    }
    return out;
  }

  // ---------------------------------------------------------------- top level

  private NetworkConfig network(String key, YNode node, KeyPath path) throws BerthException {
    YMap n = node instanceof YMap m ? m : YMap.empty(node.range());
    Optional<String> name = optString(n, "name");
    boolean external = external(n, path);
    if (external && n.get("external") instanceof YMap em && optString(em, "name").isPresent()) {
      String legacy = optString(em, "name").get();
      if (name.isPresent() && !name.get().equals(legacy)) {
        throw error(
            "compose-conflict",
            path + ": name and external.name conflict; only use name",
            n.keyRange("external"));
      }
      name = Optional.of(legacy);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> ipam =
        n.get("ipam") instanceof YMap im ? (Map<String, Object>) Plain.of(im) : Map.of();
    return new NetworkConfig(
        name.orElse(external ? key : project + "_" + key),
        optString(n, "driver"),
        labels(n.get("driver_opts")),
        ipam,
        external,
        flag(n, "internal"),
        flag(n, "attachable"),
        labels(n.get("labels")),
        optBool(n, "enable_ipv4"),
        optBool(n, "enable_ipv6"));
  }

  private VolumeConfig volume(String key, YNode node, KeyPath path) throws BerthException {
    YMap v = node instanceof YMap m ? m : YMap.empty(node.range());
    Optional<String> name = optString(v, "name");
    boolean external = external(v, path);
    if (external && v.get("external") instanceof YMap em && optString(em, "name").isPresent()) {
      name = name.or(() -> optString(em, "name"));
    }
    return new VolumeConfig(
        name.orElse(external ? key : project + "_" + key),
        optString(v, "driver"),
        labels(v.get("driver_opts")),
        external,
        labels(v.get("labels")));
  }

  private Map<String, FileObject> fileObjects(YMap model, String section) throws BerthException {
    Map<String, FileObject> out = new TreeMap<>();
    if (!(model.get(section) instanceof YMap all)) {
      return out;
    }
    for (String key : all.keys()) {
      YMap f = all.get(key) instanceof YMap m ? m : YMap.empty(all.range());
      boolean external = external(f, KeyPath.of(section).key(key));
      out.put(
          key,
          new FileObject(
              optString(f, "name").orElse(external ? key : project + "_" + key),
              optString(f, "file").map(p -> Path.of(absolute(p))),
              optString(f, "environment"),
              optString(f, "content"),
              external,
              labels(f.get("labels"))));
    }
    return out;
  }

  /** Whether a resource is external; an external one may only have a name besides. */
  private static boolean external(YMap resource, KeyPath path) throws BerthException {
    YNode ext = resource.get("external");
    boolean external =
        ext instanceof YMap
            || (ext instanceof YScalar s && s.kind() == YScalar.Kind.BOOL && s.booleanValue());
    if (external) {
      for (String key : resource.keys()) {
        if (!key.equals("name") && !key.equals("external") && !key.startsWith("x-")) {
          throw error(
              "compose-conflict",
              path + ": conflicting parameters \"external\" and \"" + key + "\" specified",
              resource.keyRange(key));
        }
      }
    }
    return external;
  }

  // ---------------------------------------------------------------- values

  /** A list-or-mapping as keys with values; a key written without a value maps to empty. */
  private static Map<String, Optional<String>> keyValues(YNode node) {
    Map<String, Optional<String>> out = new LinkedHashMap<>();
    if (node instanceof YMap m) {
      for (String key : m.keys()) {
        YScalar v = (YScalar) m.get(key);
        out.put(key, v.isNull() ? Optional.empty() : Optional.of(Plain.text(v)));
      }
    } else if (node instanceof YSeq seq) {
      for (YNode item : seq.items()) {
        String entry = Plain.text((YScalar) item);
        int eq = entry.indexOf('=');
        if (eq < 0) {
          out.put(entry, Optional.empty());
        } else {
          out.put(entry.substring(0, eq), Optional.of(entry.substring(eq + 1)));
        }
      }
    }
    return out;
  }

  /** Labels (and other string maps): a key without a value maps to the empty string. */
  private static Map<String, String> labels(YNode node) {
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, Optional<String>> e : keyValues(node).entrySet()) {
      out.put(e.getKey(), e.getValue().orElse(""));
    }
    return out;
  }

  /** A string or a list of strings (numbers written as text). */
  private static List<String> strings(YNode node) {
    List<String> out = new ArrayList<>();
    if (node instanceof YSeq seq) {
      for (YNode item : seq.items()) {
        if (item instanceof YScalar s) {
          out.add(Plain.text(s));
        }
      }
    } else if (node instanceof YScalar s && !s.isNull()) {
      out.add(Plain.text(s));
    }
    return out;
  }

  private static Optional<String> optString(YMap m, String key) {
    return m.get(key) instanceof YScalar s && !s.isNull()
        ? Optional.of(Plain.text(s))
        : Optional.empty();
  }

  private static Optional<Boolean> optBool(YMap m, String key) {
    if (m.get(key) instanceof YScalar s && !s.isNull()) {
      String b = s.kind() == YScalar.Kind.BOOL ? Plain.text(s) : Interpolation.toBoolean(s.value());
      return Optional.of("true".equals(b));
    }
    return Optional.empty();
  }

  private static boolean flag(YMap m, String key) {
    return optBool(m, key).orElse(false);
  }

  private static double optNumber(YMap m, String key) {
    return m.get(key) instanceof YScalar s && !s.isNull() ? Double.parseDouble(s.value()) : 0;
  }

  private static Optional<Duration> duration(YMap m, String key, KeyPath path)
      throws BerthException {
    if (!(m.get(key) instanceof YScalar s) || s.isNull()) {
      return Optional.empty();
    }
    Duration d = GoDuration.parse(s.value());
    if (d == null) {
      throw error(
          "compose-value",
          path.key(key) + ": invalid duration \"" + s.value() + "\" (use a form such as 1m30s)",
          s.range());
    }
    return Optional.of(d);
  }

  private static boolean isEmpty(YNode node) {
    return (node instanceof YSeq s && s.items().isEmpty())
        || (node instanceof YMap m && m.entries().isEmpty())
        || (node instanceof YScalar sc && sc.isNull());
  }

  /**
   * A path from the file made absolute: {@code ~} is the home folder, others are relative to the
   * project.
   */
  private String absolute(String p) {
    if (p.equals("~") || p.startsWith("~/")) {
      String home = env.get("HOME");
      if (home != null) {
        return Path.of(home + p.substring(1)).normalize().toString();
      }
      return p;
    }
    Path path = Path.of(p);
    return (path.isAbsolute() ? path : workingDir.resolve(path)).normalize().toString();
  }

  static BerthException error(String code, String message, SourceRange at) {
    return BerthException.error(code, message, at);
  }
}
