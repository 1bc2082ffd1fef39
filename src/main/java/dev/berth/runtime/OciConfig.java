package dev.berth.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.mount.MountSpec;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Writes an OCI runtime-spec {@code config.json} for one process, with docker's defaults. */
public final class OciConfig {

  static final List<String> MASKED_PATHS =
      List.of(
          "/proc/asound",
          "/proc/acpi",
          "/proc/kcore",
          "/proc/keys",
          "/proc/latency_stats",
          "/proc/timer_list",
          "/proc/timer_stats",
          "/proc/sched_debug",
          "/proc/scsi",
          "/sys/firmware",
          "/sys/devices/virtual/powercap");

  static final List<String> READONLY_PATHS =
      List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private OciConfig() {}

  /**
   * The config for {@code spec} run as {@code user} on {@code rootPath}, with the generated etc
   * files bound in and, where given, the cgroup path.
   */
  static ObjectNode build(
      ProcessSpec spec,
      ResolvedUser user,
      Path rootPath,
      EtcFiles etc,
      Optional<String> cgroupsPath)
      throws IOException {
    return build(
        new BundleSpec(
            spec, rootPath, etc.hosts(), etc.resolvConf(), Optional.empty(), Optional.empty()),
        user,
        cgroupsPath);
  }

  /** The config of a container that lives beyond one berth process (see {@link BundleSpec}). */
  static ObjectNode build(BundleSpec bundle, ResolvedUser user, Optional<String> cgroupsPath)
      throws IOException {
    ProcessSpec spec = bundle.process();
    Path rootPath = bundle.rootPath();
    EtcFiles etc = new EtcFiles(bundle.hosts(), bundle.resolvConf());
    ObjectNode config = JSON.objectNode();
    config.put("ociVersion", "1.0.2");
    Security security = bundle.security();
    config.set(
        "process",
        process(
            spec.args(),
            spec.env(),
            spec.cwd(),
            spec.tty(),
            user,
            security,
            spec.extras().rlimits()));
    ObjectNode root = config.putObject("root");
    root.put("path", rootPath.toString());
    root.put("readonly", false);
    config.put("hostname", spec.hostname());
    ArrayNode mounts = mounts(spec, etc, bundle.ownUserNamespace(), security.privileged());
    bundle
        .hostname()
        .ifPresent(
            h ->
                mount(mounts, "/etc/hostname", "bind", h.toString(), List.of("rbind", "rprivate")));
    config.set("mounts", mounts);
    ObjectNode linux = config.putObject("linux");
    ArrayNode ns = linux.putArray("namespaces");
    for (String t : List.of("pid", "ipc", "uts", "mount")) {
      ns.addObject().put("type", t);
    }
    if (bundle.networkNamespace().isPresent()) {
      ns.addObject().put("type", "network").put("path", bundle.networkNamespace().get().toString());
    } else if (spec.network() == NetworkMode.NONE) {
      ns.addObject().put("type", "network");
    }
    if (bundle.ownUserNamespace()) {
      ns.addObject().put("type", "user");
      idMappings(linux.putArray("uidMappings"), bundle.uidMappings());
      idMappings(linux.putArray("gidMappings"), bundle.gidMappings());
    }
    cgroupsPath.ifPresent(p -> linux.put("cgroupsPath", p));
    devices(linux, security);
    if (!security.privileged()) {
      strings(linux.putArray("maskedPaths"), MASKED_PATHS);
      strings(linux.putArray("readonlyPaths"), READONLY_PATHS);
    }
    // docker's default profile, a custom one, or none (unconfined, privileged). crun and runc
    // load it after the capabilities are set, and in a user namespace too (they hold
    // CAP_SYS_ADMIN there).
    security.seccomp().ifPresent(p -> linux.set("seccomp", p.toOci()));
    return config;
  }

  /**
   * The process of an exec into a running container, as {@code <runtime> exec --process} reads,
   * with the container's capabilities and no_new_privs (its seccomp filter is the container's: the
   * runtime applies the one in the container's config to every process it execs).
   */
  static ObjectNode process(ExecSpec spec, ResolvedUser user, Security security)
      throws IOException {
    return process(spec.args(), spec.env(), spec.cwd(), spec.tty(), user, security, List.of());
  }

  /**
   * The device nodes beyond the runtime's standard ones ({@code --device}, or the host's when
   * privileged) and the device cgroup: docker's list, or every device when privileged. The runtime
   * makes the standard nodes (null, zero, full, random, urandom, tty, console, ptmx) on the {@code
   * /dev} tmpfs itself. A node an image's layer carries is denied by the cgroup rules unless it is
   * one of those; where no device cgroup can be set (rootless, see {@link DeviceCgroup}), the layer
   * applier has left such nodes out.
   */
  private static void devices(ObjectNode linux, Security security) throws IOException {
    List<DeviceNode> nodes = new ArrayList<>();
    if (security.privileged()) {
      nodes.addAll(DeviceNode.hostDevices());
    }
    for (DeviceNode d : security.devices()) {
      nodes.removeIf(n -> n.path().equals(d.path()));
      nodes.add(d);
    }
    if (!nodes.isEmpty()) {
      ArrayNode array = linux.putArray("devices");
      for (DeviceNode d : nodes) {
        array
            .addObject()
            .put("path", d.path())
            .put("type", String.valueOf(d.type()))
            .put("major", d.major())
            .put("minor", d.minor())
            .put("fileMode", d.fileMode())
            .put("uid", d.uid())
            .put("gid", d.gid());
      }
    }
    ArrayNode rules = linux.putObject("resources").putArray("devices");
    for (DeviceRule r : DeviceRule.forContainer(security)) {
      ObjectNode o = rules.addObject();
      o.put("allow", r.allow());
      if (r.type() != 'a') {
        o.put("type", String.valueOf(r.type()));
      }
      r.major().ifPresent(m -> o.put("major", m));
      r.minor().ifPresent(m -> o.put("minor", m));
      o.put("access", r.access());
    }
  }

  private static ObjectNode process(
      List<String> args,
      List<String> env,
      String cwd,
      boolean tty,
      ResolvedUser user,
      Security security,
      List<ProcessExtras.Rlimit> limits)
      throws IOException {
    List<String> capabilities = security.capabilities();
    ObjectNode p = JSON.objectNode();
    // With a terminal the runtime makes the container's own pty and relays it to its stdio; both
    // crun and runc insist that their own stdio then be a terminal, which script(1) provides.
    p.put("terminal", tty);
    ObjectNode u = p.putObject("user");
    u.put("uid", user.uid());
    u.put("gid", user.gid());
    if (!user.additionalGids().isEmpty()) {
      ArrayNode gids = u.putArray("additionalGids");
      user.additionalGids().forEach(gids::add);
    }
    strings(p.putArray("args"), args);
    strings(p.putArray("env"), user.environment(env));
    p.put("cwd", cwd);
    ObjectNode caps = p.putObject("capabilities");
    // docker writes the set into effective and permitted for every user and the kernel clears
    // both when a non-root user's process executes its program; berth leaves them out for a
    // non-root user in the first place, which ends the same. Nobody gets ambient capabilities.
    List<String> effective = user.uid() == 0 ? capabilities : List.of();
    strings(caps.putArray("bounding"), capabilities);
    strings(caps.putArray("effective"), effective);
    strings(caps.putArray("permitted"), effective);
    ArrayNode rlimits = p.putArray("rlimits");
    if (limits.stream().noneMatch(l -> l.type().equals("RLIMIT_NOFILE"))) {
      long nofile = nofileLimit();
      rlimits.addObject().put("type", "RLIMIT_NOFILE").put("hard", nofile).put("soft", nofile);
    }
    for (ProcessExtras.Rlimit l : limits) {
      rlimits
          .addObject()
          .put("type", l.type())
          .put("hard", rlimit(l.hard()))
          .put("soft", rlimit(l.soft()));
    }
    p.put("noNewPrivileges", security.noNewPrivileges());
    return p;
  }

  /** An rlimit as the spec's uint64: -1 (unlimited) is RLIM_INFINITY, all bits set. */
  private static BigInteger rlimit(long value) {
    return value == -1
        ? BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)
        : BigInteger.valueOf(value);
  }

  private static void idMappings(ArrayNode array, List<IdMapping> mappings) {
    for (IdMapping m : mappings) {
      array
          .addObject()
          .put("containerID", m.containerId())
          .put("hostID", m.hostId())
          .put("size", m.size());
    }
  }

  private static ArrayNode mounts(
      ProcessSpec spec, EtcFiles etc, boolean ownUserNamespace, boolean privileged) {
    ArrayNode m = JSON.arrayNode();
    mount(m, "/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev"));
    mount(m, "/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k"));
    mount(
        m,
        "/dev/pts",
        "devpts",
        "devpts",
        List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"));
    mount(
        m,
        "/dev/shm",
        "tmpfs",
        "shm",
        List.of(
            "nosuid",
            "noexec",
            "nodev",
            "mode=1777",
            // docker's default is 64 MiB; --shm-size sets it in bytes
            "size="
                + spec.extras().shmSize().stream()
                    .mapToObj(Long::toString)
                    .findFirst()
                    .orElse("65536k")));
    mount(m, "/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev"));
    String sysAccess = privileged ? "rw" : "ro";
    if (ownUserNamespace) {
      // sysfs may be mounted only by the user namespace that owns the network namespace, which
      // berth made outside the container's own; the runtime's view of /sys is bound in instead.
      mount(m, "/sys", "bind", "/sys", List.of("rbind", "nosuid", "noexec", "nodev", sysAccess));
    } else {
      mount(m, "/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", sysAccess));
    }
    mount(m, "/etc/hosts", "bind", etc.hosts().toString(), List.of("rbind", "rprivate"));
    mount(m, "/etc/resolv.conf", "bind", etc.resolvConf().toString(), List.of("rbind", "rprivate"));
    for (MountSpec extra : spec.extraMounts()) {
      List<String> options = new ArrayList<>(extra.options());
      if (extra.type().equals("bind") && !options.contains("bind") && !options.contains("rbind")) {
        options.add("rbind");
      }
      mount(m, extra.target(), extra.type(), extra.source(), options);
    }
    return m;
  }

  private static void mount(
      ArrayNode mounts, String destination, String type, String source, List<String> options) {
    ObjectNode o = mounts.addObject();
    o.put("destination", destination);
    o.put("type", type);
    o.put("source", source);
    strings(o.putArray("options"), options);
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  /**
   * Docker's 1048576 open files, but never more than berth's own hard limit: where berth may not
   * raise it (a container without CAP_SYS_RESOURCE), a higher value makes the runtime fail.
   */
  static long nofileLimit() throws IOException {
    long limit = 1_048_576;
    Path limits = Path.of("/proc/self/limits");
    if (Files.isReadable(limits)) {
      for (String line : Files.readAllLines(limits)) {
        if (line.startsWith("Max open files")) {
          String[] f = line.substring("Max open files".length()).trim().split("\\s+");
          if (f.length > 1 && f[1].chars().allMatch(Character::isDigit)) {
            limit = Math.min(limit, Long.parseLong(f[1]));
          }
        }
      }
    }
    return limit;
  }
}
