package dev.berth.container;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.Digest;
import dev.berth.layer.RootPath;
import dev.berth.mount.MountSpec;
import dev.berth.runtime.BundleSpec;
import dev.berth.runtime.Conmon;
import dev.berth.runtime.ExecSpec;
import dev.berth.runtime.ExitStatus;
import dev.berth.runtime.OciRuntime;
import dev.berth.runtime.ProcessExtras;
import dev.berth.runtime.ProcessSpec;
import dev.berth.runtime.Stdio;
import dev.berth.runtime.UserSpec;
import dev.berth.store.AtomicFiles;
import dev.berth.store.Leases;
import dev.berth.store.Store;
import dev.berth.store.snapshot.Snapshotter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Containers that live: created in the store, started under conmon (which outlives the berth
 * process that started them), stopped, killed, exec'd into and removed by any later berth process,
 * which reads their state from the store and from the files conmon writes. Every change to a
 * container happens under its lock; resources are recorded in its state before they are made, so
 * {@link #cleanup} can always take them down, whatever moment a berth process died at.
 */
public final class Containers {

  private static final Duration POLL = Duration.ofMillis(20);
  // The handles of ports a publisher carries to the host, one per line, in the container's room.
  private static final String PUBLISHED = "published-ports";

  private final Store store;
  private final Snapshotter snapshotter;
  private final OciRuntime runtime;
  private final Optional<Conmon> conmon;
  private final List<String> exitCommand;
  private final ContainerStore records;
  private final NetworkStore networks;
  private final VolumeStore volumes;
  private final Cni cni;
  private final PortPublisher ports;
  private final Map<String, String> exitEnvironment;

  /**
   * @param exitCommand how conmon runs berth when a container ends: the program and its arguments
   *     up to (not including) {@code container cleanup ID}
   */
  public Containers(
      Store store,
      Snapshotter snapshotter,
      OciRuntime runtime,
      Optional<Conmon> conmon,
      List<String> exitCommand)
      throws IOException {
    this(store, snapshotter, runtime, conmon, exitCommand, PortPublisher.HOST, Map.of());
  }

  /**
   * As {@link #Containers(Store, Snapshotter, OciRuntime, Optional, List)}, with the publisher that
   * carries published ports to the host and the variables the exit command needs besides the
   * store's place (rootless berth's session).
   */
  public Containers(
      Store store,
      Snapshotter snapshotter,
      OciRuntime runtime,
      Optional<Conmon> conmon,
      List<String> exitCommand,
      PortPublisher ports,
      Map<String, String> exitEnvironment)
      throws IOException {
    this.store = store;
    this.snapshotter = snapshotter;
    this.runtime = runtime;
    this.conmon = conmon;
    this.exitCommand = List.copyOf(exitCommand);
    this.ports = ports;
    Map<String, String> env = new HashMap<>(exitEnvironment);
    env.put("BERTH_ROOT", store.layout().root().toString());
    this.exitEnvironment = Map.copyOf(env);
    this.records = new ContainerStore(store);
    this.networks = new NetworkStore(store);
    this.volumes = new VolumeStore(store);
    this.cni = new Cni(networks.ipamDir());
  }

  public ContainerStore records() {
    return records;
  }

  public NetworkStore networks() {
    return networks;
  }

  public VolumeStore volumes() {
    return volumes;
  }

  /** Where the CNI plugins berth runs are installed (the first directory with a bridge). */
  public static Optional<Path> cniPluginDir() {
    return Cni.pluginDir();
  }

  /** The lease a container holds on its image, so that neither prune nor rmi takes it. */
  public static String leaseId(String containerId) {
    return "container-" + containerId;
  }

  // ------------------------------------------------------------------ create

  /**
   * Stores a new container: checks its mounts and networks, takes a lease on its image, makes its
   * writable layer. Nothing runs yet.
   */
  public ContainerStore.Entry create(ContainerSpec spec) throws IOException {
    for (MountRequest m : spec.mounts()) {
      if (m instanceof MountRequest.Bind b && !Files.exists(b.source())) {
        throw BerthException.invalid(
            "invalid mount: the host path " + b.source() + " does not exist");
      }
    }
    for (NetworkAttachment a : spec.networks()) {
      networks.find(a.network());
    }
    store.leases().put(new Leases.Lease(leaseId(spec.id()), List.of(spec.manifest())));
    try {
      records.create(spec);
    } catch (IOException | RuntimeException e) {
      store.leases().delete(leaseId(spec.id()));
      throw e;
    }
    try {
      for (MountRequest m : spec.mounts()) {
        if (m instanceof MountRequest.Volume v) {
          volumes.ensure(v.name(), Map.of());
        }
      }
      ContainerRoot.prepare(records.dir(spec.id()), spec, snapshotter);
    } catch (IOException | RuntimeException e) {
      remove(spec.id(), true);
      throw e;
    }
    return records.read(spec.id()).orElseThrow();
  }

  // ------------------------------------------------------------------ start

  /**
   * Starts a created or stopped container under conmon and returns once its process runs. A running
   * container is left as it is, as docker does.
   *
   * @throws BerthException CONFLICT when a published port is taken; the container is left as it was
   */
  public void start(String id) throws IOException, InterruptedException {
    start(id, true);
  }

  /**
   * As {@link #start(String)}; without {@code exitCommand} conmon runs nothing when the container
   * ends, for a container whose berth process stays attached and takes it down itself.
   */
  public void start(String id, boolean exitCommand) throws IOException, InterruptedException {
    try (var held = records.lock(id).acquire()) {
      ContainerStore.Entry e = entry(id);
      if (live(e).status() == ContainerState.Status.RUNNING) {
        return;
      }
      cleanupLocked(e);
      e = entry(id);
      Conmon monitor =
          conmon.orElseThrow(
              () ->
                  new BerthException(
                      ErrorKind.FAILED_PRECONDITION,
                      "conmon is not installed (Debian package conmon): berth needs it to keep"
                          + " containers running"));
      Path bundle = prepareRun(e);
      try {
        Path dir = records.dir(id);
        Files.deleteIfExists(exitFile(id));
        Files.deleteIfExists(dir.resolve("pidfile"));
        List<String> exit = new ArrayList<>(this.exitCommand);
        exit.addAll(List.of("container", "cleanup", id));
        long pid =
            monitor.create(
                new Conmon.Request(
                    id,
                    e.spec().name(),
                    bundle,
                    runtime.conmonRuntime(dir, id),
                    runtime.conmonRuntimeArgs(id),
                    dir,
                    dir.resolve("exits"),
                    logFile(id),
                    e.spec().tty(),
                    this.exitCommand.isEmpty() || !exitCommand ? List.of() : exit,
                    exitEnvironment));
        long monitorPid = readPid(dir.resolve("conmon.pid")).orElse(0L);
        records.writeState(id, entry(id).state().running(pid, monitorPid, Instant.now()));
        runtime.start(id);
      } catch (IOException | RuntimeException failure) {
        try {
          runtime.delete(id);
          takeDown(entry(id), false);
          records.writeState(id, entry(id).state().withStatus(ContainerState.Status.CREATED));
        } catch (IOException cleanup) {
          failure.addSuppressed(cleanup);
        }
        throw failure;
      }
      refreshNeighbours(entry(id));
    }
  }

  /**
   * Starts the container attached to {@code stdio} and supervised by this process (for {@code -i}
   * and {@code -t}), waits for it and takes it down; its exit code is recorded as conmon would.
   */
  public int runAttached(String id, Stdio stdio) throws IOException, InterruptedException {
    Path bundle;
    ContainerStore.Entry e;
    try (var held = records.lock(id).acquire()) {
      e = entry(id);
      cleanupLocked(e);
      e = entry(id);
      bundle = prepareRun(e);
      Files.deleteIfExists(exitFile(id));
      records.writeState(
          id, entry(id).state().running(ProcessHandle.current().pid(), 0, Instant.now()));
    }
    refreshNeighbours(entry(id));
    ExitStatus status;
    try {
      status = runtime.runBundle(id, bundle, e.spec().tty(), stdio);
    } finally {
      Files.createDirectories(exitFile(id).getParent());
      if (!Files.exists(exitFile(id))) {
        AtomicFiles.write(exitFile(id), "137".getBytes(), records.dir(id));
      }
    }
    AtomicFiles.write(exitFile(id), Integer.toString(status.code()).getBytes(), records.dir(id));
    cleanup(id);
    return status.code();
  }

  /** Mounts the root, sets up the network and writes the bundle; records each first. */
  private Path prepareRun(ContainerStore.Entry e) throws IOException, InterruptedException {
    ContainerSpec spec = e.spec();
    String id = spec.id();
    Path dir = records.dir(id);
    Path bundle = Files.createDirectories(dir.resolve("bundle"));
    Path rootfs = bundle.resolve("rootfs");
    ContainerState state = e.state().withRootMounted(true);
    records.writeState(id, state);
    try {
      ContainerRoot.mount(
          dir, spec, snapshotter, rootfs, mappedRoot(spec).map(MappedRoots.Mapped::fs));
      copyUpVolumes(spec, rootfs);
      Optional<Path> netns = Optional.empty();
      String gateway = "";
      String ownIp = "";
      if (spec.network() instanceof NetworkMode.Bridged b) {
        checkPortsFree(spec);
        String ns = "berth-" + spec.shortId();
        state = state.withNetns(Optional.of(ns));
        records.writeState(id, state);
        NetNs.create(ns);
        netns = Optional.of(NetNs.path(ns));
        List<ContainerState.Address> addresses = new ArrayList<>();
        for (int i = 0; i < b.networks().size(); i++) {
          Network n = networks.find(b.networks().get(i).network());
          Cni.Attached a =
              cni.add(n, id, netns.get(), "eth" + i, i == 0 ? innerPorts(spec) : List.of());
          Files.writeString(dir.resolve("cni-" + n.name() + ".json"), a.result());
          addresses.add(a.address());
          state = state.withAddresses(addresses);
          records.writeState(id, state);
        }
        gateway = addresses.get(0).gateway();
        ownIp = addresses.get(0).ip();
        if (!spec.ports().isEmpty()) {
          List<String> handles = ports.publish(spec.ports());
          Files.write(dir.resolve(PUBLISHED), handles);
        }
      }
      boolean host = spec.network() instanceof NetworkMode.Host;
      EtcFiles.writeHostname(bundle, spec.hostname());
      EtcFiles.writeResolvConf(bundle, host, gateway);
      EtcFiles.writeHosts(
          bundle,
          ownIp,
          EtcFiles.names(spec.hostname(), spec.name(), aliases(spec)),
          peers(spec, id),
          addedHosts(spec, host ? "127.0.0.1" : gateway));
      runtime.writeBundle(bundle, id, bundleSpec(spec, dir, bundle, rootfs, netns));
      return bundle;
    } catch (IOException | RuntimeException failure) {
      try {
        takeDown(entry(id), false);
      } catch (IOException cleanup) {
        failure.addSuppressed(cleanup);
      }
      throw failure;
    }
  }

  private BundleSpec bundleSpec(
      ContainerSpec spec, Path dir, Path bundle, Path rootfs, Optional<Path> netns)
      throws IOException {
    List<String> args = new ArrayList<>(spec.args());
    List<MountSpec> mounts = new ArrayList<>();
    if (spec.init()) {
      Path tini = Tini.find();
      mounts.add(new MountSpec("bind", tini.toString(), "/dev/init", List.of("rbind", "ro")));
      args.addAll(0, List.of("/dev/init", "--"));
    }
    for (MountRequest m : spec.mounts()) {
      if (m instanceof MountRequest.Bind b) {
        mounts.add(
            new MountSpec(
                "bind",
                b.source().toString(),
                b.target(),
                List.of("rbind", b.readOnly() ? "ro" : "rw")));
      } else if (m instanceof MountRequest.Volume v) {
        mounts.add(
            new MountSpec(
                "bind",
                volumes.find(v.name()).mountpoint().toString(),
                v.target(),
                List.of("rbind", v.readOnly() ? "ro" : "rw")));
      } else if (m instanceof MountRequest.Tmpfs t) {
        List<String> options = new ArrayList<>(List.of("nosuid", "nodev"));
        options.addAll(t.options());
        mounts.add(new MountSpec("tmpfs", "tmpfs", t.target(), options));
      }
    }
    List<String> env = new ArrayList<>(spec.env());
    if (env.stream().noneMatch(v -> v.startsWith("HOSTNAME="))) {
      env.add("HOSTNAME=" + spec.hostname());
    }
    ProcessSpec process =
        new ProcessSpec(
            args,
            env,
            spec.workdir().isEmpty() ? "/" : spec.workdir(),
            processUser(spec),
            spec.tty(),
            spec.network() instanceof NetworkMode.Host
                ? dev.berth.runtime.NetworkMode.HOST
                : dev.berth.runtime.NetworkMode.NONE,
            spec.hostname(),
            mounts,
            Optional.empty(),
            spec.extras());
    if (spec.keepId().isEmpty()) {
      return new BundleSpec(
              process,
              rootfs,
              EtcFiles.hosts(bundle),
              EtcFiles.resolvConf(bundle),
              Optional.of(EtcFiles.hostname(bundle)),
              netns)
          .withSecurity(spec.security());
    }
    KeepId keep = spec.keepId().get();
    return new BundleSpec(
        process,
        rootfs,
        EtcFiles.hosts(bundle),
        EtcFiles.resolvConf(bundle),
        Optional.of(EtcFiles.hostname(bundle)),
        netns,
        keep.uidMappings(),
        keep.gidMappings(),
        spec.security());
  }

  /**
   * The user a keep-id container's process runs as: the image user, who has the host user's IDs in
   * the mapped root (asked for by number, the number it had in the image becomes the host user's),
   * else the host user's IDs themselves.
   */
  private UserSpec processUser(ContainerSpec spec) throws IOException {
    UserSpec asked = spec.user().isEmpty() ? UserSpec.ROOT : UserSpec.parse(spec.user());
    if (spec.keepId().isEmpty()) {
      return asked;
    }
    KeepId keep = spec.keepId().get();
    if (!keep.renamesImageUser()) {
      return UserSpec.parse(keep.uid() + ":" + keep.gid());
    }
    MappedRoots.Mapped m = mappedRoot(spec).orElseThrow();
    if (asked.user().equals(Long.toString(m.imageUid()))) {
      return UserSpec.parse(keep.uid() + ":" + keep.gid());
    }
    return asked;
  }

  /** The mapped root a keep-id container runs on, made when it is first needed. */
  private Optional<MappedRoots.Mapped> mappedRoot(ContainerSpec spec) throws IOException {
    if (spec.keepId().isEmpty()) {
      return Optional.empty();
    }
    Optional<Digest> chain = ContainerRoot.chainOf(spec);
    if (chain.isEmpty()) {
      throw BerthException.precondition(
          "--userns=keep-id needs an image with layers; " + spec.image() + " has none");
    }
    return Optional.of(MappedRoots.ensure(store, snapshotter, chain.get(), spec.keepId().get()));
  }

  /**
   * Refuses a published port that another running container publishes, or that a process on the
   * host listens on: the port plugin only rewrites addresses, so nothing else would notice.
   */
  private void checkPortsFree(ContainerSpec spec) throws IOException {
    for (PortMapping p : spec.ports()) {
      for (ContainerStore.Entry other : records.list()) {
        if (other.spec().id().equals(spec.id())
            || live(other).status() != ContainerState.Status.RUNNING) {
          continue;
        }
        for (PortMapping q : other.spec().ports()) {
          boolean sameIp =
              p.hostIp().isEmpty() || q.hostIp().isEmpty() || p.hostIp().equals(q.hostIp());
          if (sameIp && p.hostPort() == q.hostPort() && p.protocol().equals(q.protocol())) {
            throw portTaken(p, "it is published by container " + other.spec().name());
          }
        }
      }
      // Rootless, the host's ports are out of sight here; the publisher's bind tells instead.
      if (ports == PortPublisher.HOST && !HostPorts.free(p)) {
        throw portTaken(p, "something on the host listens on it");
      }
    }
  }

  private List<PortMapping> innerPorts(ContainerSpec spec) {
    return spec.ports().stream().map(ports::inner).toList();
  }

  private static BerthException portTaken(PortMapping p, String why) {
    return new BerthException(
        ErrorKind.CONFLICT,
        "port-allocated",
        "Bind for "
            + (p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp())
            + ":"
            + p.hostPort()
            + " failed: port is already allocated ("
            + why
            + ")");
  }

  /** A volume mounted for the first time gets the image's content at its target, as docker's. */
  private void copyUpVolumes(ContainerSpec spec, Path rootfs) throws IOException {
    for (MountRequest m : spec.mounts()) {
      if (m instanceof MountRequest.Volume v) {
        Path data = volumes.find(v.name()).mountpoint();
        // The image's own path: a link in the image must not make us copy a host directory.
        Path source = RootPath.of(rootfs).path(v.target(), true);
        boolean empty;
        try (var s = Files.list(data)) {
          empty = s.findAny().isEmpty();
        }
        if (empty
            && Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)
            && !Files.exists(data.resolveSibling(".copied"))) {
          Process p =
              new ProcessBuilder("cp", "-a", "--", source + "/.", data.toString())
                  .redirectErrorStream(true)
                  .start();
          try {
            p.getInputStream().readAllBytes();
            p.waitFor();
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while copying into volume " + v.name());
          }
        }
        Files.writeString(data.resolveSibling(".copied"), "");
      }
    }
  }

  // ------------------------------------------------------------------ stop, kill, wait

  /**
   * Sends the stop signal, waits up to {@code timeout} (the container's own when empty), then
   * SIGKILL; returns once it has ended and been taken down. A stopped container is left as it is.
   */
  public void stop(String id, Optional<Duration> timeout) throws IOException, InterruptedException {
    ContainerStore.Entry e = entry(id);
    if (live(e).status() == ContainerState.Status.RUNNING) {
      Duration grace = timeout.orElse(Duration.ofSeconds(e.spec().stopTimeout()));
      runtime.kill(id, Signals.number(e.spec().stopSignal()));
      if (!awaitExit(id, grace)) {
        runtime.kill(id, 9);
        awaitExit(id, Duration.ofSeconds(30));
      }
    }
    cleanup(id);
  }

  /** Sends a signal to a running container. */
  public void kill(String id, int signal) throws IOException {
    ContainerStore.Entry e = entry(id);
    if (live(e).status() != ContainerState.Status.RUNNING) {
      throw new BerthException(
          ErrorKind.FAILED_PRECONDITION,
          "not-running",
          "Cannot kill container: " + e.spec().name() + ": container " + id + " is not running");
    }
    runtime.kill(id, signal);
  }

  /** Waits for the container to end and returns its exit code. */
  public int waitFor(String id, Optional<Duration> timeout)
      throws IOException, InterruptedException {
    long deadline = timeout.map(t -> System.nanoTime() + t.toNanos()).orElse(Long.MAX_VALUE);
    while (true) {
      ContainerStore.Entry e = entry(id);
      ContainerState s = live(e);
      if (s.status() == ContainerState.Status.EXITED) {
        return s.exitCode();
      }
      if (s.status() == ContainerState.Status.CREATED) {
        return e.state().exitCode();
      }
      if (System.nanoTime() > deadline) {
        throw new BerthException(
            ErrorKind.UNAVAILABLE, "container " + e.spec().name() + " is still running");
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private boolean awaitExit(String id, Duration within) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (live(entry(id)).status() != ContainerState.Status.RUNNING) {
        return true;
      }
      Thread.sleep(POLL.toMillis());
    }
    return live(entry(id)).status() != ContainerState.Status.RUNNING;
  }

  // ------------------------------------------------------------------ exec

  /**
   * Runs a process in a running container with its namespaces, as docker exec does.
   *
   * @throws BerthException FAILED_PRECONDITION when the container is not running
   */
  public ExitStatus exec(String id, ExecSpec process, Stdio stdio, boolean detach)
      throws IOException, InterruptedException {
    ContainerStore.Entry e = entry(id);
    if (live(e).status() != ContainerState.Status.RUNNING) {
      throw new BerthException(
          ErrorKind.FAILED_PRECONDITION,
          "not-running",
          "container " + e.spec().id() + " is not running");
    }
    Path rootfs = records.dir(id).resolve("bundle").resolve("rootfs");
    return runtime.exec(id, rootfs, process, e.spec().security(), stdio, detach, records.dir(id));
  }

  // ------------------------------------------------------------------ cleanup and remove

  /**
   * Takes an ended container down (the runtime's record, its network, its mounts) and records its
   * exit; conmon runs this through berth when the container ends, and any command that finds it
   * ended does too. Nothing happens for a container that still runs.
   */
  public void cleanup(String id) throws IOException {
    boolean remove;
    try (var held = records.lock(id).acquire()) {
      Optional<ContainerStore.Entry> e = records.read(id);
      if (e.isEmpty()) {
        return;
      }
      if (!cleanupLocked(e.get())) {
        return;
      }
      remove = e.get().spec().autoRemove();
    }
    refreshNeighbours(entry(id));
    if (remove) {
      remove(id, false);
    }
  }

  /**
   * @return whether the container is down (false when it still runs)
   */
  private boolean cleanupLocked(ContainerStore.Entry e) throws IOException {
    ContainerState s = live(e);
    if (s.status() == ContainerState.Status.RUNNING) {
      return false;
    }
    runtime.delete(e.spec().id());
    takeDown(e, true);
    ContainerState after = entry(e.spec().id()).state();
    if (s.status() == ContainerState.Status.EXITED) {
      after = after.exited(s.exitCode(), s.finishedAt().orElse(Instant.now()));
    }
    records.writeState(e.spec().id(), after);
    return true;
  }

  /** Undoes the network and the root mount of a container that no longer runs. */
  private void takeDown(ContainerStore.Entry e, boolean keepAddresses) throws IOException {
    String id = e.spec().id();
    Path dir = records.dir(id);
    ContainerState state = e.state();
    IOException first = null;
    Path published = dir.resolve(PUBLISHED);
    if (Files.exists(published)) {
      try {
        ports.withdraw(Files.readAllLines(published));
        Files.delete(published);
      } catch (IOException x) {
        first = x;
      }
    }
    if (state.netns().isPresent()) {
      String ns = state.netns().get();
      List<NetworkAttachment> atts = e.spec().networks();
      for (int i = atts.size() - 1; i >= 0; i--) {
        String name = atts.get(i).network();
        Path result = dir.resolve("cni-" + name + ".json");
        Optional<Network> n = networks.get(name);
        if (n.isEmpty() && name.equals(Network.DEFAULT)) {
          n = Optional.of(networks.ensureDefault());
        }
        if (n.isPresent() && Files.exists(result)) {
          try {
            cni.del(
                n.get(),
                id,
                NetNs.path(ns),
                "eth" + i,
                i == 0 ? innerPorts(e.spec()) : List.of(),
                Optional.of(Files.readString(result)));
          } catch (IOException x) {
            first = first == null ? x : first;
          }
        } else if (n.isPresent()) {
          // No result: berth died during ADD, which may have made the veth, the address and the
          // masquerade rules already. DEL without a previous result finds them by container ID
          // and interface; when ADD never began, the plugins have nothing to do and may say so.
          try {
            cni.del(
                n.get(),
                id,
                NetNs.path(ns),
                "eth" + i,
                i == 0 ? innerPorts(e.spec()) : List.of(),
                Optional.empty());
          } catch (IOException x) {
            // best effort: the plugins report missing things as errors
          }
        }
        Files.deleteIfExists(result);
      }
      try {
        NetNs.delete(ns);
      } catch (IOException x) {
        first = first == null ? x : first;
      }
      state = state.withNetns(Optional.empty());
      if (!keepAddresses) {
        state = state.withAddresses(List.of());
      }
    }
    if (state.rootMounted()) {
      try {
        ContainerRoot.unmount(dir.resolve("bundle").resolve("rootfs"));
        state = state.withRootMounted(false);
      } catch (IOException x) {
        first = first == null ? x : first;
      }
    }
    records.writeState(id, state);
    if (first != null) {
      throw first;
    }
  }

  /**
   * Removes a container: its record, writable layer, log and lease. A running one only with {@code
   * force} (it is killed first).
   *
   * @throws BerthException CONFLICT for a running container without force
   */
  public void remove(String id, boolean force) throws IOException {
    try (var held = records.lock(id).acquire()) {
      Optional<ContainerStore.Entry> found = records.read(id);
      if (found.isEmpty()) {
        store.leases().delete(leaseId(id));
        return;
      }
      ContainerStore.Entry e = found.get();
      if (live(e).status() == ContainerState.Status.RUNNING) {
        if (!force) {
          throw new BerthException(
              ErrorKind.CONFLICT,
              "container-running",
              "cannot remove container \"/"
                  + e.spec().name()
                  + "\": container is running: stop the container before removing or force"
                  + " remove");
        }
        runtime.kill(id, 9);
        try {
          awaitExit(id, Duration.ofSeconds(30));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while the container was killed");
        }
      }
      records.writeState(id, entry(id).state().withStatus(ContainerState.Status.REMOVING));
      runtime.delete(id);
      killMonitor(entry(id));
      takeDown(entry(id), false);
      records.delete(id);
      store.leases().delete(leaseId(id));
    }
    List<Path> mapped = new ArrayList<>();
    for (ContainerStore.Entry other : records.list()) {
      if (live(other).status() == ContainerState.Status.RUNNING) {
        refreshHosts(other);
      }
      Optional<Digest> chain = ContainerRoot.chainOf(other.spec());
      if (other.spec().keepId().isPresent() && chain.isPresent()) {
        mapped.add(MappedRoots.dir(store, chain.get(), other.spec().keepId().get()));
      }
    }
    // A mapped root lives as long as a container runs on it.
    MappedRoots.sweep(store, mapped);
  }

  /** A monitor whose container is gone has nothing left to do; it must not linger. */
  private static void killMonitor(ContainerStore.Entry e) {
    if (e.state().conmonPid() > 0) {
      ProcessHandle.of(e.state().conmonPid())
          .filter(p -> p.info().command().map(c -> c.endsWith("conmon")).orElse(false))
          .ifPresent(ProcessHandle::destroy);
    }
  }

  // ------------------------------------------------------------------ state

  /**
   * The container's state as it is now: a running one whose process has ended (its exit file
   * written by conmon, or its processes gone) shows as exited, with its code, before any cleanup
   * has recorded that.
   */
  public ContainerState live(ContainerStore.Entry e) throws IOException {
    ContainerState s = e.state();
    if (s.status() != ContainerState.Status.RUNNING) {
      return s;
    }
    Path exit = exitFile(e.spec().id());
    try {
      String code = Files.readString(exit).trim();
      Instant at = Files.getLastModifiedTime(exit).toInstant();
      return s.exited(code.isEmpty() ? -1 : Integer.parseInt(code), at);
    } catch (NoSuchFileException notYet) {
      // still running, unless its processes are gone
    } catch (NumberFormatException garbled) {
      return s.exited(-1, Instant.now());
    }
    boolean alive =
        (s.pid() > 0 && ProcessHandle.of(s.pid()).map(ProcessHandle::isAlive).orElse(false))
            || (s.conmonPid() > 0
                && ProcessHandle.of(s.conmonPid()).map(ProcessHandle::isAlive).orElse(false));
    if (alive) {
      return s;
    }
    // The monitor died with the container unrecorded (killed with -9, the machine rebooted).
    if (Files.exists(exit)) {
      return live(entry(e.spec().id()));
    }
    return s.exited(-1, Instant.now());
  }

  public ContainerStore.Entry entry(String id) throws IOException {
    return records
        .read(id)
        .orElseThrow(
            () ->
                new BerthException(
                    ErrorKind.NOT_FOUND, "no-such-container", "No such container: " + id));
  }

  public Path logFile(String id) {
    return records.dir(id).resolve("ctr.log");
  }

  private Path exitFile(String id) {
    return records.dir(id).resolve("exits").resolve(id);
  }

  // ------------------------------------------------------------------ neighbours

  private static List<String> aliases(ContainerSpec spec) {
    List<String> out = new ArrayList<>();
    for (NetworkAttachment a : spec.networks()) {
      out.addAll(a.aliases());
    }
    return out;
  }

  /** The running containers that share a network with {@code spec}, with their names there. */
  private List<EtcFiles.Peer> peers(ContainerSpec spec, String ownId) throws IOException {
    List<EtcFiles.Peer> out = new ArrayList<>();
    List<String> mine = spec.networks().stream().map(NetworkAttachment::network).toList();
    if (mine.isEmpty()) {
      return out;
    }
    for (ContainerStore.Entry other : records.list()) {
      if (other.spec().id().equals(ownId)
          || live(other).status() != ContainerState.Status.RUNNING) {
        continue;
      }
      for (NetworkAttachment a : other.spec().networks()) {
        if (!mine.contains(a.network())) {
          continue;
        }
        for (ContainerState.Address ad : other.state().addresses()) {
          if (ad.network().equals(a.network())) {
            List<String> names = new ArrayList<>(List.of(other.spec().name()));
            names.addAll(a.aliases());
            if (!names.contains(other.spec().hostname())) {
              names.add(other.spec().hostname());
            }
            out.add(new EtcFiles.Peer(ad.ip(), names));
          }
        }
      }
    }
    return out;
  }

  /** Rewrites the hosts file of every running neighbour of {@code changed}. */
  private void refreshNeighbours(ContainerStore.Entry changed) throws IOException {
    List<String> nets = changed.spec().networks().stream().map(NetworkAttachment::network).toList();
    if (nets.isEmpty()) {
      return;
    }
    for (ContainerStore.Entry other : records.list()) {
      boolean shares = other.spec().networks().stream().anyMatch(a -> nets.contains(a.network()));
      if (shares
          && !other.spec().id().equals(changed.spec().id())
          && live(other).status() == ContainerState.Status.RUNNING) {
        refreshHosts(other);
      }
    }
  }

  /**
   * {@code --add-host} lines, {@code host-gateway} standing for the host as the container reaches
   * it: its network's gateway, or loopback on the host's network.
   */
  private static String addedHosts(ContainerSpec spec, String gateway) {
    StringBuilder sb = new StringBuilder();
    for (ProcessExtras.HostEntry h : spec.extras().hosts()) {
      String ip = h.ip().equals("host-gateway") ? gateway : h.ip();
      if (!ip.isEmpty()) {
        sb.append(ip).append('\t').append(h.name()).append('\n');
      }
    }
    return sb.toString();
  }

  private void refreshHosts(ContainerStore.Entry e) throws IOException {
    Path bundle = records.dir(e.spec().id()).resolve("bundle");
    if (!Files.exists(EtcFiles.hosts(bundle)) || e.spec().networks().isEmpty()) {
      return;
    }
    String ownIp = e.state().addresses().isEmpty() ? "" : e.state().addresses().get(0).ip();
    String gateway = e.state().addresses().isEmpty() ? "" : e.state().addresses().get(0).gateway();
    EtcFiles.writeHosts(
        bundle,
        ownIp,
        EtcFiles.names(e.spec().hostname(), e.spec().name(), aliases(e.spec())),
        peers(e.spec(), e.spec().id()),
        addedHosts(e.spec(), gateway));
  }

  private static Optional<Long> readPid(Path file) throws IOException {
    try {
      return Optional.of(Long.parseLong(Files.readString(file).trim()));
    } catch (NoSuchFileException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
