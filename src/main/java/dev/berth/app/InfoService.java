package dev.berth.app;

import dev.berth.container.Containers;
import dev.berth.registry.RegistriesConf;
import dev.berth.rootless.Holder;
import dev.berth.rootless.HostUser;
import dev.berth.rootless.Prerequisites;
import dev.berth.rootless.SubordinateIds;
import dev.berth.runtime.Executables;
import dev.berth.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gathers {@link SystemInfo} without entering a user namespace (so {@code berth info} works for an
 * ordinary user before anything is set up) and without creating the store: the overlay probe runs
 * only where the store exists and berth is root.
 */
public final class InfoService {

  /** The host as the gathering sees it; tests give a fake one. */
  public interface Host {
    Optional<Path> find(String program);

    /** The first line {@code program --version} prints, if it runs. */
    Optional<String> versionLine(Path program);

    Optional<String> read(Path file);

    boolean exists(Path file);

    long uid() throws IOException;

    Optional<Path> cniPluginDir();

    HostUser user() throws IOException;

    Optional<Long> holderPid(HostUser user) throws IOException;

    List<String> missingForRootless(HostUser user);

    /** Whether an overlay can be mounted in the store (only asked as root, store present). */
    boolean overlayWorks() throws IOException;

    String kernel();

    String architecture();

    int cpus();
  }

  private static final Pattern VERSION = Pattern.compile("(\\d+\\.\\d+(?:\\.\\d+)?[^\\s,;)]*)");

  private final Berth berth;
  private final Host host;

  InfoService(Berth berth, Host host) {
    this.berth = berth;
    this.host = host;
  }

  /** The real host, with berth's environment. */
  static Host realHost(Berth berth, Map<String, String> env) {
    return new RealHost(berth, env);
  }

  public SystemInfo gather() throws IOException {
    long uid = host.uid();
    boolean rootless = uid != 0 || berth.rootless().isPresent();
    Optional<SystemInfo.Rootless> rootlessInfo = Optional.empty();
    if (rootless) {
      HostUser user = host.user();
      rootlessInfo =
          Optional.of(
              new SystemInfo.Rootless(
                  user.name(),
                  user.uid(),
                  user.gid(),
                  ranges(user.subuids()),
                  ranges(user.subgids()),
                  host.holderPid(user),
                  host.missingForRootless(user)));
    }
    List<SystemInfo.Component> components = new ArrayList<>();
    for (String name : List.of("conmon", "slirp4netns", "rootlesskit")) {
      components.add(component(name));
    }
    return new SystemInfo(
        berth.storeRoot().toString(),
        snapshotter(rootless),
        runtime(),
        host.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? 2 : 1,
        host.kernel(),
        operatingSystem(),
        host.architecture(),
        host.cpus(),
        memory(),
        components,
        host.cniPluginDir().map(Path::toString),
        rootlessInfo,
        registries());
  }

  private SystemInfo.Registries registries() throws IOException {
    RegistriesConf conf = berth.registriesConf();
    return new SystemInfo.Registries(
        conf.searchRegistries(),
        conf.mirrorLines(),
        List.copyOf(berth.insecureRegistries()),
        conf.blockedPrefixes(),
        conf.files().stream().map(Path::toString).toList());
  }

  private SystemInfo.Snapshotter snapshotter(boolean rootless) throws IOException {
    Optional<SnapshotChoice.Kind> forced = berth.snapshots().forced();
    if (forced.isPresent()) {
      return new SystemInfo.Snapshotter(name(forced.get()), "set by BERTH_SNAPSHOTTER");
    }
    if (rootless) {
      return new SystemInfo.Snapshotter(
          kernelAtLeast(5, 11) ? "overlay" : "copy",
          "expected: each command probes inside its user namespace; the kernel mounts overlay"
              + " there from Linux 5.11");
    }
    if (!host.exists(berth.storeRoot())) {
      return new SystemInfo.Snapshotter(
          "overlay or copy", "probed when the store is first used (it does not exist yet)");
    }
    return host.overlayWorks()
        ? new SystemInfo.Snapshotter("overlay", "an overlay mount in the store works")
        : new SystemInfo.Snapshotter("copy", "an overlay mount in the store fails");
  }

  private static String name(SnapshotChoice.Kind k) {
    return k.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The runtime the settings name, or for auto crun, else runc, else the chroot fallback: the order
   * {@code Runtimes.detect} takes.
   */
  private SystemInfo.Component runtime() {
    String chosen = berth.settings().runtime().value();
    if (chosen.equals("crun") || chosen.equals("runc")) {
      return component(chosen);
    }
    if (chosen.equals("chroot")) {
      return new SystemInfo.Component(
          "chroot (set by " + berth.settings().runtime().from() + ")",
          host.find("unshare").map(Path::toString),
          Optional.empty());
    }
    for (String name : List.of("crun", "runc")) {
      SystemInfo.Component c = component(name);
      if (c.path().isPresent()) {
        return c;
      }
    }
    return new SystemInfo.Component(
        "chroot (fallback)", host.find("unshare").map(Path::toString), Optional.empty());
  }

  private SystemInfo.Component component(String name) {
    Optional<Path> path = host.find(name);
    Optional<String> version = path.flatMap(host::versionLine).flatMap(InfoService::versionIn);
    return new SystemInfo.Component(name, path.map(Path::toString), version);
  }

  /** The version number in a {@code --version} line such as {@code crun version 1.8.1}. */
  static Optional<String> versionIn(String line) {
    Matcher m = VERSION.matcher(line);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private String operatingSystem() {
    for (String line : host.read(Path.of("/etc/os-release")).orElse("").split("\n")) {
      if (line.startsWith("PRETTY_NAME=")) {
        return line.substring("PRETTY_NAME=".length()).replaceAll("^\"|\"$", "");
      }
    }
    return "Linux";
  }

  private long memory() {
    for (String line : host.read(Path.of("/proc/meminfo")).orElse("").split("\n")) {
      if (line.startsWith("MemTotal:")) {
        String[] parts = line.trim().split("\\s+");
        try {
          return Long.parseLong(parts[1]) * 1024;
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
          return 0;
        }
      }
    }
    return 0;
  }

  private boolean kernelAtLeast(int major, int minor) {
    Matcher m = Pattern.compile("^(\\d+)\\.(\\d+)").matcher(host.kernel());
    if (!m.find()) {
      return false;
    }
    int a = Integer.parseInt(m.group(1));
    int b = Integer.parseInt(m.group(2));
    return a > major || (a == major && b >= minor);
  }

  private static List<String> ranges(List<SubordinateIds.Range> ranges) {
    return ranges.stream()
        .map(r -> r.start() + "-" + (r.start() + r.count() - 1) + " (" + r.count() + ")")
        .toList();
  }

  /** The host as it is. */
  private static final class RealHost implements Host {
    private final Berth berth;
    private final Map<String, String> env;

    RealHost(Berth berth, Map<String, String> env) {
      this.berth = berth;
      this.env = env;
    }

    @Override
    public Optional<Path> find(String program) {
      return Executables.find(program);
    }

    @Override
    public Optional<String> versionLine(Path program) {
      try {
        Process p =
            new ProcessBuilder(program.toString(), "--version")
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
          out = in.readNBytes(4096);
        }
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
        String text = new String(out, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text.lines().findFirst().orElse(""));
      } catch (IOException e) {
        return Optional.empty();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }

    @Override
    public Optional<String> read(Path file) {
      try {
        return Files.isReadable(file) ? Optional.of(Files.readString(file)) : Optional.empty();
      } catch (IOException e) {
        return Optional.empty();
      }
    }

    @Override
    public boolean exists(Path file) {
      return Files.exists(file);
    }

    @Override
    public long uid() throws IOException {
      return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
    }

    @Override
    public Optional<Path> cniPluginDir() {
      return Containers.cniPluginDir();
    }

    @Override
    public HostUser user() throws IOException {
      return HostUser.current(env);
    }

    @Override
    public Optional<Long> holderPid(HostUser user) throws IOException {
      return Holder.of(user).childPid();
    }

    @Override
    public List<String> missingForRootless(HostUser user) {
      return Prerequisites.check(user, Prerequisites.Scope.HOLDER).stream()
          .map(Prerequisites.Missing::toString)
          .toList();
    }

    @Override
    public boolean overlayWorks() throws IOException {
      try (Store store = berth.openStore()) {
        return berth.snapshots().kind(store) == SnapshotChoice.Kind.OVERLAY;
      }
    }

    @Override
    public String kernel() {
      return System.getProperty("os.version", "");
    }

    @Override
    public String architecture() {
      return System.getProperty("os.arch", "");
    }

    @Override
    public int cpus() {
      return Runtime.getRuntime().availableProcessors();
    }
  }
}
