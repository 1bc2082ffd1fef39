package dev.berth.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.container.ContainerLog;
import dev.berth.container.ContainerSpec;
import dev.berth.container.ContainerState;
import dev.berth.container.ContainerStore;
import dev.berth.container.Containers;
import dev.berth.container.KeepId;
import dev.berth.container.MountRequest;
import dev.berth.container.NetworkAttachment;
import dev.berth.container.NetworkMode;
import dev.berth.container.PortMapping;
import dev.berth.container.PortPublisher;
import dev.berth.container.RootlessKitPorts;
import dev.berth.container.Signals;
import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.ContainerConfig;
import dev.berth.rootless.Holder;
import dev.berth.rootless.RootlessSession;
import dev.berth.rootless.SelfCommand;
import dev.berth.runtime.Capabilities;
import dev.berth.runtime.Conmon;
import dev.berth.runtime.DefaultSeccomp;
import dev.berth.runtime.DeviceNode;
import dev.berth.runtime.DockerSeccompJson;
import dev.berth.runtime.ExecSpec;
import dev.berth.runtime.OciRuntime;
import dev.berth.runtime.ProcessExtras;
import dev.berth.runtime.SeccompProfile;
import dev.berth.runtime.Security;
import dev.berth.runtime.Stdio;
import dev.berth.runtime.UserSpec;
import dev.berth.store.LocalImages;
import dev.berth.store.Store;
import dev.berth.store.StoredImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The container use cases ({@code run}, {@code create}, {@code start}, {@code stop}, {@code ps},
 * {@code logs}, {@code exec}, {@code rm} ...): typed requests in, the container engine of {@code
 * container} at work, docker's output shapes out.
 */
public final class ContainerService {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String DEFAULT_PATH =
      "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final List<String> ADJECTIVES =
      List.of(
          "brave", "calm", "eager", "fond", "gentle", "happy", "keen", "lucid", "merry", "nimble",
          "proud", "quiet", "sharp", "steady", "swift", "tender", "vivid", "witty", "young",
          "zealous");
  private static final List<String> NOUNS =
      List.of(
          "anchor", "buoy", "cove", "dock", "estuary", "ferry", "galley", "harbor", "island",
          "jetty", "keel", "lagoon", "mast", "narrows", "oar", "pier", "quay", "reef", "sail",
          "tide");

  /** Where a container's output goes, and whether it owns the terminal. */
  public record Streams(InputStream in, OutputStream out, OutputStream err, boolean inherit) {}

  /** One line of {@code ps}. */
  public record ContainerRow(
      String id,
      String name,
      String image,
      String command,
      Instant created,
      String state,
      String status,
      int exitCode,
      String ports,
      Map<String, String> labels) {}

  /** What {@code exec} asks for. */
  public record ExecOptions(
      String container,
      List<String> command,
      Map<String, String> env,
      Optional<String> user,
      Optional<String> workdir,
      boolean interactive,
      boolean tty,
      boolean detach) {}

  private final Berth berth;

  ContainerService(Berth berth) {
    this.berth = berth;
  }

  /** The engine over an open store. */
  private Containers engine(Store store) throws IOException {
    Optional<RootlessSession> rootless = berth.rootless();
    PortPublisher ports =
        rootless
            .flatMap(RootlessSession::portApi)
            .<PortPublisher>map(RootlessKitPorts::new)
            .orElse(PortPublisher.HOST);
    return new Containers(
        store,
        berth.snapshotter(store),
        oci(),
        Conmon.find(),
        SelfCommand.argv(),
        ports,
        exitEnvironment(rootless));
  }

  /** What conmon's exit command needs to run berth as this one runs. */
  private static Map<String, String> exitEnvironment(Optional<RootlessSession> rootless) {
    Map<String, String> env = new LinkedHashMap<>(SelfCommand.environment());
    rootless.ifPresent(r -> env.putAll(r.environment()));
    return env;
  }

  private OciRuntime oci() throws IOException {
    if (berth.runtime() instanceof OciRuntime o) {
      return o;
    }
    throw BerthException.precondition(
        "containers that live need an OCI runtime: install crun (or runc); found only "
            + berth.runtime().name());
  }

  private void requireRoot() throws BerthException {
    if (!BuildService.isRoot()) {
      throw BerthException.precondition(
          "berth containers need root for now (overlay mounts, an OCI runtime, CNI networks)");
    }
  }

  // ------------------------------------------------------------------ create and run

  /** {@code berth create}: the container's ID. */
  public String create(RunOptions o) throws IOException {
    requireRoot();
    try (Store store = berth.openStore()) {
      return engine(store).create(spec(store, o)).spec().id();
    }
  }

  /**
   * {@code berth run}: creates and starts the container. Detached, it returns at once with the ID
   * printed; in the foreground it shows the container's output until it ends and returns its exit
   * code, removing it afterwards with {@code --rm}.
   */
  public int run(RunOptions o, Streams io) throws IOException, InterruptedException {
    requireRoot();
    try (Store store = berth.openStore()) {
      Containers engine = engine(store);
      ContainerSpec spec = spec(store, o);
      engine.create(spec);
      String id = spec.id();
      if (o.detach()) {
        try {
          engine.start(id);
        } catch (IOException | InterruptedException | RuntimeException e) {
          if (o.remove()) {
            engine.remove(id, true);
          }
          throw e;
        }
        PrintStream out = new PrintStream(io.out(), true, StandardCharsets.UTF_8);
        out.println(id);
        out.flush();
        return 0;
      }
      try {
        if (o.interactive() || o.tty()) {
          return engine.runAttached(id, stdio(io));
        }
        // Attached: this process takes the container down when it ends, so conmon need not.
        engine.start(id, false);
        return follow(engine, id, 0, io, false, true);
      } finally {
        if (o.remove()) {
          engine.remove(id, true);
        }
      }
    }
  }

  private static Stdio stdio(Streams io) {
    return io.inherit() ? Stdio.inherit() : Stdio.streams(io.in(), io.out(), io.err());
  }

  /** The container to create: the image's config with the request laid over it, as docker does. */
  private ContainerSpec spec(Store store, RunOptions o) throws IOException {
    StoredImage img = new LocalImages(store).find(o.image());
    ContainerConfig config = img.config().config();
    String id = newId();
    String name = o.name().orElseGet(ContainerService::randomName);
    if (!ContainerStore.validName(name)) {
      throw BerthException.invalid(
          "Invalid container name (" + name + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }
    Map<String, String> env = new LinkedHashMap<>(config.envMap());
    env.putAll(o.env());
    env.putIfAbsent("PATH", DEFAULT_PATH);
    List<String> envList = new ArrayList<>();
    env.forEach((k, v) -> envList.add(k + "=" + v));
    Map<String, String> labels = new LinkedHashMap<>(config.labels());
    labels.putAll(o.labels());
    String stopSignal =
        o.stopSignal().orElse(config.stopSignal().isEmpty() ? "SIGTERM" : config.stopSignal());
    Signals.number(stopSignal);
    if (o.user().isPresent()) {
      UserSpec.parse(o.user().get());
    }
    NetworkMode network;
    ContainerNetwork first = o.networks().get(0);
    if (first instanceof ContainerNetwork.Host || first instanceof ContainerNetwork.None) {
      if (o.networks().size() > 1) {
        throw BerthException.invalid("--network host or none cannot be joined with other networks");
      }
      network =
          first instanceof ContainerNetwork.Host ? new NetworkMode.Host() : new NetworkMode.None();
    } else {
      List<NetworkAttachment> atts = new ArrayList<>();
      for (ContainerNetwork n : o.networks()) {
        if (!(n instanceof ContainerNetwork.Named named)) {
          throw BerthException.invalid(
              "--network host or none cannot be joined with other networks");
        }
        atts.add(new NetworkAttachment(named.name(), named.aliases()));
      }
      network = new NetworkMode.Bridged(atts);
    }
    if (!o.ports().isEmpty() && !(network instanceof NetworkMode.Bridged)) {
      throw BerthException.invalid("published ports need a berth network, not --network host|none");
    }
    String snapshotter = berth.snapshots().kind(store).name().toLowerCase(Locale.ROOT);
    return new ContainerSpec(
        id,
        name,
        Instant.now(),
        o.image(),
        img.id(),
        img.manifestDescriptor(),
        img.manifest().layers(),
        img.config().diffIds(),
        command(o, config),
        envList,
        o.workdir().orElse(config.workingDir().isEmpty() ? "/" : config.workingDir()),
        o.user().orElse(config.user()),
        o.hostname().orElse(id.substring(0, 12)),
        labels,
        o.tty(),
        o.interactive(),
        mounts(o.mounts()),
        network,
        o.ports().stream()
            .map(p -> new PortMapping(p.hostIp(), p.hostPort(), p.containerPort(), p.protocol()))
            .toList(),
        o.init(),
        stopSignal,
        (int) o.stopTimeout().orElse(Duration.ofSeconds(10)).toSeconds(),
        o.remove() && o.detach(),
        snapshotter,
        keepId(o, config, snapshotter),
        security(o.privileges()),
        extras(o.extras(), network));
  }

  /** {@code --add-host}, {@code --ulimit}, {@code --shm-size} as the container keeps them. */
  static ProcessExtras extras(RunExtras x, NetworkMode network) throws BerthException {
    for (ExtraHost h : x.extraHosts()) {
      if (h.isHostGateway() && network instanceof NetworkMode.None) {
        throw BerthException.invalid(
            "--add-host "
                + h.host()
                + ":host-gateway: a container with --network none has no way to the host");
      }
    }
    return new ProcessExtras(
        x.extraHosts().stream().map(h -> new ProcessExtras.HostEntry(h.host(), h.ip())).toList(),
        x.ulimits().stream()
            .map(u -> new ProcessExtras.Rlimit(u.rlimitType(), u.soft(), u.hard()))
            .toList(),
        x.shmSize());
  }

  /**
   * The capabilities, devices and seccomp filter docker would give: capability names checked and
   * resolved, each {@code --device} read from the host (its type and numbers) now, as docker does
   * at create, and a {@code seccomp=PROFILE.json} read and resolved for those capabilities now too
   * (a later change to the file does not change the container). Privileged, no filter applies.
   */
  static Security security(Privileges p) throws IOException {
    List<String> caps = Capabilities.resolve(p.capAdd(), p.capDrop(), p.privileged());
    List<DeviceNode> devices = new ArrayList<>();
    for (DeviceOption d : p.devices()) {
      devices.add(DeviceNode.fromHost(d.host(), d.container(), d.access()));
    }
    Optional<SeccompProfile> seccomp =
        p.privileged() ? Optional.empty() : Optional.of(DefaultSeccomp.forCapabilities(caps));
    boolean noNewPrivileges = false;
    List<String> options = new ArrayList<>();
    for (SecurityOption o : p.securityOpts()) {
      String text = o.text();
      if (o instanceof SecurityOption.SeccompUnconfined) {
        seccomp = Optional.empty();
      } else if (o instanceof SecurityOption.SeccompDefault) {
        seccomp =
            p.privileged() ? Optional.empty() : Optional.of(DefaultSeccomp.forCapabilities(caps));
      } else if (o instanceof SecurityOption.SeccompProfileFile f) {
        byte[] json = readProfile(f.file());
        SeccompProfile profile =
            DockerSeccompJson.parse(json, f.file().toString()).resolve(caps, kernelRelease());
        seccomp = p.privileged() ? Optional.empty() : Optional.of(profile);
        // docker's client sends the profile's content, so its inspect shows the content.
        text = "seccomp=" + JSON.readTree(json).toString();
      } else if (o instanceof SecurityOption.NoNewPrivileges n) {
        noNewPrivileges = n.enabled();
      }
      options.add(text);
    }
    return new Security(p.privileged(), caps, devices, seccomp, noNewPrivileges, options);
  }

  private static byte[] readProfile(Path file) throws BerthException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw BerthException.notFound(
          "opening seccomp profile (" + file + ") failed: no such file or directory");
    } catch (IOException e) {
      throw BerthException.invalid(
          "opening seccomp profile (" + file + ") failed: " + e.getMessage());
    }
  }

  /** The running kernel's release ({@code uname -r}), for a profile's {@code minKernel}. */
  private static String kernelRelease() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
    } catch (IOException e) {
      return System.getProperty("os.version");
    }
  }

  /**
   * podman's {@code --userns=keep-id}. As root on the host it changes nothing: the host user is
   * root, whose IDs every container shares already.
   */
  private Optional<KeepId> keepId(RunOptions o, ContainerConfig config, String snapshotter)
      throws BerthException {
    Optional<RootlessSession> rootless = berth.rootless();
    if (o.userns() != RunOptions.Userns.KEEP_ID || rootless.isEmpty()) {
      return Optional.empty();
    }
    if (snapshotter.equals("copy")) {
      throw BerthException.precondition(
          "--userns=keep-id needs overlay snapshots (Linux 5.11 or later lets a user namespace"
              + " mount them); this store uses copies");
    }
    try {
      return Optional.of(
          new KeepId(
              rootless.get().hostUid(), rootless.get().hostGid(), o.user().orElse(config.user())));
    } catch (IllegalArgumentException e) {
      throw BerthException.invalid(e.getMessage());
    }
  }

  private static List<String> command(RunOptions o, ContainerConfig config) throws BerthException {
    List<String> argv = new ArrayList<>();
    if (o.entrypoint().isPresent()) {
      if (!o.entrypoint().get().isEmpty()) {
        argv.add(o.entrypoint().get());
      }
    } else {
      argv.addAll(config.entrypoint());
    }
    if (!o.command().isEmpty()) {
      argv.addAll(o.command());
    } else if (o.entrypoint().isEmpty()) {
      argv.addAll(config.cmd());
    }
    if (argv.isEmpty()) {
      throw BerthException.invalid(
          "no command: the image " + o.image() + " has no ENTRYPOINT or CMD, and none was given");
    }
    return argv;
  }

  private static List<MountRequest> mounts(List<MountOption> options) {
    List<MountRequest> out = new ArrayList<>();
    for (MountOption m : options) {
      if (m instanceof MountOption.Bind b) {
        out.add(new MountRequest.Bind(b.source(), b.target(), b.readOnly()));
      } else if (m instanceof MountOption.Volume v) {
        out.add(new MountRequest.Volume(v.name(), v.target(), v.readOnly()));
      } else if (m instanceof MountOption.Tmpfs t) {
        out.add(new MountRequest.Tmpfs(t.target(), t.options()));
      }
    }
    return out;
  }

  private static String newId() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static String randomName() {
    return ADJECTIVES.get(RANDOM.nextInt(ADJECTIVES.size()))
        + "_"
        + NOUNS.get(RANDOM.nextInt(NOUNS.size()))
        + RANDOM.nextInt(100);
  }

  // ------------------------------------------------------------------ lifecycle

  /**
   * {@code berth start}: with {@code attach} it shows the output until the container ends and
   * returns its exit code.
   */
  public int start(String ref, boolean attach, Streams io)
      throws IOException, InterruptedException {
    requireRoot();
    try (Store store = berth.openStore()) {
      Containers engine = engine(store);
      ContainerStore.Entry e = engine.records().find(ref);
      Path log = engine.logFile(e.spec().id());
      long offset = Files.exists(log) ? Files.size(log) : 0;
      engine.start(e.spec().id());
      return attach ? follow(engine, e.spec().id(), offset, io, false, true) : 0;
    }
  }

  /** {@code berth stop}. */
  public void stop(String ref, Optional<Duration> timeout)
      throws IOException, InterruptedException {
    requireRoot();
    try (Store store = berth.openStore()) {
      Containers engine = engine(store);
      engine.stop(engine.records().find(ref).spec().id(), timeout);
    }
  }

  /** {@code berth restart}: stop, then start. */
  public void restart(String ref, Optional<Duration> timeout)
      throws IOException, InterruptedException {
    requireRoot();
    try (Store store = berth.openStore()) {
      Containers engine = engine(store);
      String id = engine.records().find(ref).spec().id();
      engine.stop(id, timeout);
      engine.start(id);
    }
  }

  /** {@code berth kill}. */
  public void kill(String ref, String signal) throws IOException {
    requireRoot();
    int number = Signals.number(signal);
    try (Store store = berth.openStore()) {
      Containers engine = engine(store);
      engine.kill(engine.records().find(ref).spec().id(), number);
    }
  }

  /** {@code berth rm}: removes each; the first failure is reported after the others are done. */
  public List<String> remove(List<String> refs, boolean force, boolean volumes) throws IOException {
    requireRoot();
    List<String> removed = new ArrayList<>();
    IOException first = null;
    try (Store store = berth.openStore()) {
      Containers engine = engine(store);
      for (String ref : refs) {
        try {
          ContainerStore.Entry e = engine.records().find(ref);
          engine.remove(e.spec().id(), force);
          removed.add(ref);
        } catch (IOException ex) {
          first = first == null ? ex : first;
        }
      }
    }
    if (first != null) {
      throw first;
    }
    return removed;
  }

  /** Removes every container that is not running; their names. */
  public List<String> pruneStopped() throws IOException {
    List<String> out = new ArrayList<>();
    if (!BuildService.isRoot()) {
      return out;
    }
    try (Store store = berth.openStore()) {
      Containers engine = engine(store);
      for (ContainerStore.Entry e : engine.records().list()) {
        if (engine.live(e).status() != ContainerState.Status.RUNNING) {
          engine.remove(e.spec().id(), false);
          out.add(e.spec().id());
        }
      }
    }
    return out;
  }

  /** {@code berth wait}: the exit code. */
  public int waitFor(String ref) throws IOException, InterruptedException {
    try (Store store = berth.openStore()) {
      Containers engine = engine(store);
      return engine.waitFor(engine.records().find(ref).spec().id(), Optional.empty());
    }
  }

  /** conmon's exit command: takes an ended container down. */
  public void cleanup(String id) throws IOException, InterruptedException {
    // Removed already (rm -f, or an attached run): nothing to do, and the store is left untouched.
    if (Files.isDirectory(berth.storeRoot().resolve("containers").resolve(id))) {
      try (Store store = berth.openStore()) {
        engine(store).cleanup(id);
      }
    }
    // The last container of a rootless user ended: its holder need not outlive it.
    Optional<Path> holder = berth.rootless().flatMap(RootlessSession::holder);
    if (holder.isPresent()) {
      Holder h = Holder.at(holder.get());
      h.locked(() -> h.stopIfIdle(Holder.selfAndParents()));
    }
  }

  // ------------------------------------------------------------------ exec and logs

  /** {@code berth exec}: the process's exit code (0 at once with {@code detach}). */
  public int exec(ExecOptions o, Streams io) throws IOException, InterruptedException {
    requireRoot();
    try (Store store = berth.openStore()) {
      Containers engine = engine(store);
      ContainerStore.Entry e = engine.records().find(o.container());
      Map<String, String> env = new LinkedHashMap<>();
      for (String kv : e.spec().env()) {
        int eq = kv.indexOf('=');
        env.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
      env.putAll(o.env());
      env.putIfAbsent("HOSTNAME", e.spec().hostname());
      List<String> envList = new ArrayList<>();
      env.forEach((k, v) -> envList.add(k + "=" + v));
      ExecSpec spec =
          new ExecSpec(
              o.command(),
              envList,
              o.workdir().orElse(e.spec().workdir().isEmpty() ? "/" : e.spec().workdir()),
              UserSpec.parse(o.user().orElse(e.spec().user().isEmpty() ? "0" : e.spec().user())),
              o.tty());
      Stdio stdio =
          io.inherit() && (o.interactive() || o.tty())
              ? Stdio.inherit()
              : Stdio.streams(o.interactive() ? io.in() : null, io.out(), io.err());
      return engine.exec(e.spec().id(), spec, stdio, o.detach()).code();
    }
  }

  /** {@code berth logs}: with {@code follow} until the container ends. */
  public void logs(
      String ref, boolean follow, Optional<Integer> tail, boolean timestamps, Streams io)
      throws IOException, InterruptedException {
    try (Store store = berth.openStore()) {
      Containers engine = engine(store);
      String id = engine.records().find(ref).spec().id();
      ContainerLog.Chunk all = ContainerLog.read(engine.logFile(id), 0);
      List<ContainerLog.Line> lines = all.lines();
      if (tail.isPresent() && tail.get() < lines.size()) {
        lines = lines.subList(lines.size() - tail.get(), lines.size());
      }
      print(lines, io, timestamps);
      if (follow) {
        follow(engine, id, all.next(), io, timestamps, false);
      }
    }
  }

  /**
   * Copies the container's log from {@code offset} to the streams as it grows, until the container
   * has ended, and returns its exit code.
   */
  private int follow(
      Containers engine, String id, long offset, Streams io, boolean timestamps, boolean cleanUp)
      throws IOException, InterruptedException {
    long at = offset;
    while (true) {
      ContainerState live = engine.live(engine.entry(id));
      ContainerLog.Chunk c = ContainerLog.read(engine.logFile(id), at);
      print(c.lines(), io, timestamps);
      at = c.next();
      if (live.status() != ContainerState.Status.RUNNING) {
        ContainerLog.Chunk rest = ContainerLog.read(engine.logFile(id), at);
        print(rest.lines(), io, timestamps);
        if (cleanUp) {
          engine.cleanup(id);
        }
        return live.exitCode();
      }
      Thread.sleep(20);
    }
  }

  private static void print(List<ContainerLog.Line> lines, Streams io, boolean timestamps)
      throws IOException {
    for (ContainerLog.Line l : lines) {
      String text = (timestamps ? l.time() + " " : "") + l.text() + "\n";
      OutputStream to = l.stderr() ? io.err() : io.out();
      to.write(text.getBytes(StandardCharsets.UTF_8));
      to.flush();
    }
  }

  // ------------------------------------------------------------------ ps, inspect, port

  /** {@code berth ps}: running containers, or all with {@code all}, newest first. */
  public List<ContainerRow> list(boolean all, Predicate<ContainerRow> filter) throws IOException {
    try (Store store = berth.openStore()) {
      Containers engine = engine(store);
      List<ContainerRow> rows = new ArrayList<>();
      for (ContainerStore.Entry e : engine.records().list()) {
        ContainerState s = engine.live(e);
        if (!all && s.status() != ContainerState.Status.RUNNING) {
          continue;
        }
        ContainerRow row = row(e, s);
        if (filter.test(row)) {
          rows.add(row);
        }
      }
      return rows;
    }
  }

  private static ContainerRow row(ContainerStore.Entry e, ContainerState s) {
    ContainerSpec c = e.spec();
    String ports = String.join(", ", c.ports().stream().map(PortMapping::toString).toList());
    return new ContainerRow(
        c.id(),
        c.name(),
        c.image(),
        psCommand(c.args()),
        c.created(),
        s.status().label(),
        statusText(s),
        s.exitCode(),
        ports,
        c.labels());
  }

  /**
   * The command as docker's ps shows it: the program, then its arguments, an argument with a space
   * in single quotes ({@code sh -c 'echo hi'}).
   */
  static String psCommand(List<String> args) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (i > 0) {
        b.append(' ');
      }
      b.append(i > 0 && a.contains(" ") ? "'" + a + "'" : a);
    }
    return b.toString();
  }

  /** {@code Up 5 seconds}, {@code Exited (0) 3 minutes ago}, {@code Created}, as docker ps. */
  static String statusText(ContainerState s) {
    Instant now = Instant.now();
    return switch (s.status()) {
      case RUNNING -> "Up " + Durations.human(Duration.between(s.startedAt().orElse(now), now));
      case EXITED ->
          "Exited ("
              + s.exitCode()
              + ") "
              + Durations.human(Duration.between(s.finishedAt().orElse(now), now))
              + " ago";
      case CREATED -> "Created";
      case REMOVING -> "Removal In Progress";
    };
  }

  /** The published ports of a container, as {@code docker port} prints them. */
  public List<String> ports(String ref) throws IOException {
    try (Store store = berth.openStore()) {
      ContainerStore.Entry e = engine(store).records().find(ref);
      List<String> out = new ArrayList<>();
      for (PortMapping p : e.spec().ports()) {
        out.add(
            p.containerPort()
                + "/"
                + p.protocol()
                + " -> "
                + (p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp())
                + ":"
                + p.hostPort());
      }
      return out;
    }
  }

  /**
   * {@code docker inspect}'s shape for containers (its field names where they exist), or empty when
   * {@code ref} names no container.
   */
  public Optional<ObjectNode> inspect(String ref) throws IOException {
    try (Store store = berth.openStore()) {
      Containers engine = engine(store);
      ContainerStore.Entry e;
      try {
        e = engine.records().find(ref);
      } catch (BerthException notFound) {
        if (notFound.kind() == ErrorKind.NOT_FOUND) {
          return Optional.empty();
        }
        throw notFound;
      }
      return Optional.of(inspectJson(e, engine.live(e)));
    }
  }

  /** Pretty-printed JSON for an array of inspected objects. */
  public static String render(List<ObjectNode> objects) throws IOException {
    ArrayNode a = JSON.createArrayNode();
    objects.forEach(a::add);
    return JSON.writeValueAsString(a);
  }

  private static ObjectNode inspectJson(ContainerStore.Entry e, ContainerState s) {
    ContainerSpec c = e.spec();
    ObjectNode o = JSON.createObjectNode();
    o.put("Id", c.id());
    o.put("Created", c.created().toString());
    o.put("Path", c.args().get(0));
    ArrayNode args = o.putArray("Args");
    c.args().subList(1, c.args().size()).forEach(args::add);
    ObjectNode state = o.putObject("State");
    state.put("Status", s.status().label());
    state.put("Running", s.status() == ContainerState.Status.RUNNING);
    state.put("Pid", s.status() == ContainerState.Status.RUNNING ? s.pid() : 0);
    state.put("ExitCode", s.exitCode());
    state.put("StartedAt", s.startedAt().map(Instant::toString).orElse("0001-01-01T00:00:00Z"));
    state.put("FinishedAt", s.finishedAt().map(Instant::toString).orElse("0001-01-01T00:00:00Z"));
    o.put("Image", c.imageId().toString());
    o.put("Name", "/" + c.name());
    ObjectNode config = o.putObject("Config");
    config.put("Hostname", c.hostname());
    config.put("User", c.user());
    config.put("Tty", c.tty());
    config.put("OpenStdin", c.interactive());
    ArrayNode env = config.putArray("Env");
    c.env().forEach(env::add);
    ArrayNode cmd = config.putArray("Cmd");
    c.args().forEach(cmd::add);
    config.put("Image", c.image());
    config.put("WorkingDir", c.workdir());
    ObjectNode labels = config.putObject("Labels");
    c.labels().forEach(labels::put);
    config.put("StopSignal", c.stopSignal());
    config.put("StopTimeout", c.stopTimeout());
    ObjectNode host = o.putObject("HostConfig");
    host.put("AutoRemove", c.autoRemove());
    host.put("Privileged", c.security().privileged());
    if (c.security().options().isEmpty()) {
      host.putNull("SecurityOpt");
    } else {
      ArrayNode opts = host.putArray("SecurityOpt");
      c.security().options().forEach(opts::add);
    }
    host.put("Init", c.init());
    host.put(
        "NetworkMode",
        c.network() instanceof NetworkMode.Host
            ? "host"
            : c.network() instanceof NetworkMode.None ? "none" : c.networks().get(0).network());
    ArrayNode mounts = o.putArray("Mounts");
    for (MountRequest m : c.mounts()) {
      ObjectNode mo = mounts.addObject();
      if (m instanceof MountRequest.Bind b) {
        mo.put("Type", "bind").put("Source", b.source().toString()).put("RW", !b.readOnly());
      } else if (m instanceof MountRequest.Volume v) {
        mo.put("Type", "volume").put("Name", v.name()).put("RW", !v.readOnly());
      } else {
        mo.put("Type", "tmpfs").put("RW", true);
      }
      mo.put("Destination", m.target());
    }
    ObjectNode net = o.putObject("NetworkSettings");
    ObjectNode ports = net.putObject("Ports");
    for (PortMapping p : c.ports()) {
      ports
          .putArray(p.containerPort() + "/" + p.protocol())
          .addObject()
          .put("HostIp", p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp())
          .put("HostPort", Integer.toString(p.hostPort()));
    }
    ObjectNode networks = net.putObject("Networks");
    for (NetworkAttachment a : c.networks()) {
      ObjectNode n = networks.putObject(a.network());
      ArrayNode aliases = n.putArray("Aliases");
      a.aliases().forEach(aliases::add);
      for (ContainerState.Address ad : s.addresses()) {
        if (ad.network().equals(a.network())) {
          n.put("IPAddress", ad.ip());
          n.put("IPPrefixLen", ad.prefixLength());
          n.put("Gateway", ad.gateway());
          n.put("MacAddress", ad.mac());
        }
      }
    }
    if (!s.addresses().isEmpty()) {
      net.put("IPAddress", s.addresses().get(0).ip());
    }
    return o;
  }
}
