package dev.berth.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.mount.Ledger;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Runs containers with an OCI runtime ({@code crun} or {@code runc}) from a generated bundle:
 * {@code <runtime> run --bundle DIR ID} in the foreground (berth's child process is the container's
 * init, so its exit status is the container's), {@code <runtime> exec --process} into it, {@code
 * kill} to signal it, always followed by {@code <runtime> delete -f ID}.
 *
 * <p>Cgroups: crun runs with {@code --cgroup-manager=disabled}, so the container stays in berth's
 * own cgroups (and under any limit set on them); runc gets the relative {@code cgroupsPath} {@code
 * berth/ID}, which it places below its own cgroup. crun refuses a hybrid cgroup host whose v2
 * hierarchy holds controllers, even with cgroups disabled; there it runs in a private mount
 * namespace in which {@code /sys/fs/cgroup/unified} is unmounted, so it sees plain cgroup v1.
 *
 * <p>Devices: the config holds docker's device cgroup rules, which runc applies itself. crun, with
 * its cgroup manager disabled, applies none, so berth puts crun's {@code run}, {@code create} and
 * {@code exec} into a devices cgroup of the container's own that it made ({@link DeviceCgroup})
 * where the host allows it.
 */
public final class OciRuntime implements ContainerRuntime {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration STATE_WAIT = Duration.ofSeconds(10);
  private static final Path UNIFIED_CONTROLLERS =
      Path.of("/sys/fs/cgroup/unified/cgroup.controllers");

  /**
   * Takes the v2 hierarchy out of sight: unmounted where berth may, covered by an empty tmpfs in a
   * user namespace, where the host's mounts are locked together and cannot be taken apart.
   */
  private static final String HIDE_UNIFIED =
      "{ umount /sys/fs/cgroup/unified 2>/dev/null"
          + " || mount -t tmpfs -o ro,size=4k berth-hidden /sys/fs/cgroup/unified; }";

  private final Path binary;
  private final boolean crun;
  private final Path bundles;
  private final List<String> globalArgs;
  private final Optional<Ledger> ledger;

  /** A runtime at {@code binary}, writing its bundles below {@code bundles}. */
  public OciRuntime(Path binary, Path bundles) {
    this(binary, bundles, Optional.empty());
  }

  /**
   * A runtime at {@code binary}, writing its bundles below {@code bundles} and keeping its state in
   * {@code stateRoot} instead of its default ({@code /run/crun}, {@code /run/runc}), which only the
   * host's root may write.
   */
  public OciRuntime(Path binary, Path bundles, Optional<Path> stateRoot) {
    this(binary, bundles, stateRoot, Optional.empty());
  }

  /**
   * As {@link #OciRuntime(Path, Path, Optional)}, writing every bundle, root mount and runtime
   * container it makes in {@code ledger} first, so a later berth can undo what a killed one left.
   */
  public OciRuntime(Path binary, Path bundles, Optional<Path> stateRoot, Optional<Ledger> ledger) {
    this.ledger = ledger;
    this.binary = binary;
    this.crun = binary.getFileName().toString().contains("crun");
    this.bundles = bundles;
    List<String> args = new ArrayList<>();
    if (crun) {
      args.add("--cgroup-manager=disabled");
    }
    stateRoot.ifPresent(
        dir -> {
          args.add("--root");
          args.add(dir.resolve(name()).toString());
        });
    this.globalArgs = List.copyOf(args);
  }

  /** crun if installed (see {@link #OciRuntime(Path, Path, Optional)}). */
  public static Optional<OciRuntime> crun(
      Path bundles, Optional<Path> stateRoot, Optional<Ledger> ledger) {
    return Executables.find("crun").map(p -> new OciRuntime(p, bundles, stateRoot, ledger));
  }

  /** runc if installed (see {@link #OciRuntime(Path, Path, Optional)}). */
  public static Optional<OciRuntime> runc(
      Path bundles, Optional<Path> stateRoot, Optional<Ledger> ledger) {
    return Executables.find("runc").map(p -> new OciRuntime(p, bundles, stateRoot, ledger));
  }

  @Override
  public String name() {
    return binary.getFileName().toString();
  }

  @Override
  public RunningContainer start(ProcessSpec spec, RootFs root, Stdio stdio)
      throws IOException, InterruptedException {
    Records records = new Records();
    Bundle bundle = Bundle.create(bundles, records::record);
    String id = "berth-" + HexFormat.of().formatHex(bytes());
    RootMounter mounter = null;
    try {
      Path rootPath;
      if (root instanceof RootFs.Directory d) {
        rootPath = d.path().toAbsolutePath();
      } else if (root instanceof RootFs.Mounts m) {
        rootPath = bundle.rootfs();
        mounter = RootMounter.mount(m, rootPath, records::record);
      } else {
        throw new AssertionError(root);
      }
      ResolvedUser user = Users.resolve(rootPath, spec.user());
      EtcFiles etc = EtcFiles.write(bundle.dir(), spec.hostname(), spec.network(), spec.extras());
      Optional<String> cgroupsPath = crun ? Optional.empty() : Optional.of("berth/" + id);
      Files.writeString(
          bundle.dir().resolve("config.json"),
          MAPPER.writeValueAsString(OciConfig.build(spec, user, rootPath, etc, cgroupsPath)));
      Optional<DeviceCgroup> devices = deviceCgroup(id, Security.DEFAULT);
      List<String> cmd = runtimeCommand(devices, "run", "--bundle", bundle.dir().toString(), id);
      records.record(new Ledger.Undo.Command(runtimeCommand("delete", "-f", id)));
      HostProcess process = HostProcess.start(cmd, hostEnvironment(), spec.tty(), stdio);
      return new Container(id, bundle, mounter, rootPath, process, records);
    } catch (IOException | RuntimeException e) {
      try {
        cleanUp(id, false, mounter, bundle);
        records.close();
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /**
   * The ledger entries of one container, crossed out together once everything they undo is undone.
   */
  private final class Records implements AutoCloseable {
    private final List<Ledger.Entry> entries = new ArrayList<>();

    void record(Ledger.Undo undo) throws IOException {
      if (ledger.isPresent()) {
        entries.add(ledger.get().record(undo));
      }
    }

    @Override
    public void close() throws IOException {
      for (int i = entries.size() - 1; i >= 0; i--) {
        entries.get(i).close();
      }
      entries.clear();
    }
  }

  /** A container whose init process is the foreground {@code <runtime> run} berth started. */
  private final class Container implements RunningContainer {
    private final String id;
    private final Bundle bundle;
    private final RootMounter mounter;
    private final Path rootPath;
    private final HostProcess process;
    private final Records records;
    private final AtomicInteger execs = new AtomicInteger();
    private boolean closed;

    Container(
        String id,
        Bundle bundle,
        RootMounter mounter,
        Path rootPath,
        HostProcess process,
        Records records) {
      this.records = records;
      this.id = id;
      this.bundle = bundle;
      this.mounter = mounter;
      this.rootPath = rootPath;
      this.process = process;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public ExitStatus waitFor(Optional<Duration> timeout) throws IOException, InterruptedException {
      return process.waitFor(timeout, p -> kill(id));
    }

    @Override
    public ExitStatus exec(ExecSpec spec, Stdio stdio) throws IOException, InterruptedException {
      awaitRunning();
      ResolvedUser user = Users.resolve(rootPath, spec.user());
      Path file = bundle.dir().resolve("exec-" + execs.incrementAndGet() + ".json");
      Files.writeString(
          file, MAPPER.writeValueAsString(OciConfig.process(spec, user, Security.DEFAULT)));
      try {
        List<String> cmd = runtimeCommand(joined(id), "exec", "--process", file.toString(), id);
        return HostProcess.run(
            cmd, hostEnvironment(), spec.tty(), stdio, Optional.empty(), Process::destroy);
      } finally {
        Files.deleteIfExists(file);
      }
    }

    @Override
    public void signal(int signal) throws IOException {
      awaitRunning();
      Commands.check(runtimeCommand("kill", id, Integer.toString(signal)));
    }

    /** The runtime reports the container only once it has created it; exec must wait for that. */
    private void awaitRunning() throws IOException {
      long deadline = System.nanoTime() + STATE_WAIT.toNanos();
      while (true) {
        if (!process.isAlive()) {
          throw BerthException.precondition("container " + id + " is not running");
        }
        Commands.Result r = Commands.run(runtimeCommand("state", id));
        if (r.code() == 0 && r.output().contains("\"running\"")) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new BerthException(
              ErrorKind.UNAVAILABLE, name() + " did not report container " + id + " as running");
        }
        sleep(5);
      }
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        process.kill(p -> kill(id));
      } finally {
        cleanUp(id, true, mounter, bundle);
      }
      // Only what was undone is crossed out: a failed clean-up stays for the next berth.
      records.close();
    }
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the container");
    }
  }

  private static byte[] bytes() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return b;
  }

  private void kill(String id) throws IOException {
    // Fails while the container is still being created; the caller tries again.
    Commands.run(runtimeCommand("kill", id, "KILL"));
  }

  private void cleanUp(String id, boolean started, RootMounter mounter, Bundle bundle)
      throws IOException {
    IOException failure = null;
    if (started) {
      Commands.Result r = Commands.run(runtimeCommand("delete", "-f", id));
      if (r.code() != 0 && Commands.run(runtimeCommand("state", id)).code() == 0) {
        failure = new IOException(name() + " delete -f " + id + " failed: " + r.output());
      }
    }
    try {
      removeDeviceCgroup(id);
    } catch (IOException e) {
      failure = failure == null ? e : failure;
    }
    if (mounter != null) {
      try {
        mounter.close();
      } catch (IOException e) {
        failure = failure == null ? e : failure;
      }
    }
    try {
      bundle.remove();
    } catch (IOException e) {
      failure = failure == null ? e : failure;
    }
    if (failure != null) {
      throw failure;
    }
  }

  private List<String> runtimeCommand(String... args) throws IOException {
    return runtimeCommand(Optional.empty(), args);
  }

  /** The runtime's command, run in the devices cgroup {@code join} when there is one. */
  private List<String> runtimeCommand(Optional<DeviceCgroup> join, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    if (join.isPresent()) {
      cmd.addAll(
          List.of(
              "/bin/sh", "-c", "echo $$ > \"$0\" && exec \"$@\"", join.get().procs().toString()));
    }
    if (crun && hybridWithV2Controllers()) {
      Path unshare = Executables.require("unshare", "crun needs it on a hybrid cgroup host");
      cmd.addAll(
          List.of(
              unshare.toString(),
              "--mount",
              "--propagation",
              "private",
              "/bin/sh",
              "-c",
              HIDE_UNIFIED + " && exec \"$@\"",
              "sh"));
    }
    cmd.add(binary.toString());
    cmd.addAll(globalArgs);
    cmd.addAll(List.of(args));
    return cmd;
  }

  /**
   * For crun, the devices cgroup of container {@code id} made afresh with the rules of {@code
   * security} (none when privileged: it allows every device); empty where berth cannot make one.
   */
  private Optional<DeviceCgroup> deviceCgroup(String id, Security security) throws IOException {
    if (!crun) {
      return Optional.empty();
    }
    Optional<DeviceCgroup> group = DeviceCgroup.of(id);
    if (group.isEmpty()) {
      return group;
    }
    if (security.privileged()) {
      group.get().remove();
      return Optional.empty();
    }
    group.get().create(DeviceRule.forContainer(security));
    return group;
  }

  /** The devices cgroup made for container {@code id}, if berth made one. */
  private Optional<DeviceCgroup> joined(String id) throws IOException {
    return crun ? DeviceCgroup.of(id).filter(DeviceCgroup::exists) : Optional.empty();
  }

  private void removeDeviceCgroup(String id) throws IOException {
    Optional<DeviceCgroup> group = joined(id);
    if (group.isPresent()) {
      group.get().remove();
    }
  }

  private static boolean hybridWithV2Controllers() throws IOException {
    return Files.isReadable(UNIFIED_CONTROLLERS)
        && !Files.readString(UNIFIED_CONTROLLERS).isBlank();
  }

  // --- containers that outlive this process: conmon holds them, berth finds them by ID ---

  /** What the runtime reports of a container. */
  public record State(String status, long pid) {}

  /**
   * Writes {@code config.json} into {@code dir} for a container whose root is already mounted at
   * {@code bundle.rootPath()}; the user is looked up in that root.
   */
  public void writeBundle(Path dir, String id, BundleSpec bundle) throws IOException {
    ResolvedUser user = Users.resolve(bundle.rootPath(), bundle.process().user());
    Optional<String> cgroupsPath = crun ? Optional.empty() : Optional.of("berth/" + id);
    Files.writeString(
        dir.resolve("config.json"),
        MAPPER.writeValueAsString(OciConfig.build(bundle, user, cgroupsPath)));
    deviceCgroup(id, bundle.security());
  }

  /**
   * The program conmon runs as the OCI runtime. On a hybrid cgroup host crun must run in a mount
   * namespace without the v2 hierarchy (see the class comment), and in the devices cgroup berth
   * made for container {@code id} ({@link #writeBundle}) where there is one, so conmon then gets a
   * small wrapper script, written into {@code dir}, that sets that up and passes its arguments on.
   */
  public Path conmonRuntime(Path dir, String id) throws IOException {
    boolean hybrid = crun && hybridWithV2Controllers();
    Optional<DeviceCgroup> devices = joined(id);
    if (!hybrid && devices.isEmpty()) {
      return binary;
    }
    Path wrapper = dir.resolve("runtime");
    StringBuilder script = new StringBuilder("#!/bin/sh\n");
    if (devices.isPresent()) {
      script
          .append("# in the container's devices cgroup\n")
          .append("echo $$ > ")
          .append(Shell.quote(devices.get().procs().toString()))
          .append(" || exit 1\n");
    }
    if (hybrid) {
      Path unshare = Executables.require("unshare", "crun needs it on a hybrid cgroup host");
      script
          .append("# crun, in a mount namespace of its own that hides the cgroup v2 hierarchy\n")
          .append("exec ")
          .append(Shell.quote(unshare.toString()))
          .append(" --mount --propagation private /bin/sh -c '")
          .append(HIDE_UNIFIED)
          .append(" && exec \"$0\" \"$@\"' ");
    } else {
      script.append("exec ");
    }
    script
        .append(Shell.quote(binary.toString()))
        .append(globalArgs.stream().map(a -> " " + Shell.quote(a)).collect(Collectors.joining()))
        .append(" \"$@\"\n");
    Files.writeString(wrapper, script.toString());
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    return wrapper;
  }

  /** Arguments conmon passes to the runtime before its command (none when it runs the wrapper). */
  public List<String> conmonRuntimeArgs(String id) throws IOException {
    return (crun && hybridWithV2Controllers()) || joined(id).isPresent() ? List.of() : globalArgs;
  }

  /**
   * Runs the container of a bundle written by {@link #writeBundle} in the foreground, attached to
   * {@code stdio}, and deletes it afterwards: for interactive containers, which berth itself
   * supervises while it waits.
   */
  public ExitStatus runBundle(String id, Path bundle, boolean tty, Stdio stdio)
      throws IOException, InterruptedException {
    try {
      List<String> cmd = runtimeCommand(joined(id), "run", "--bundle", bundle.toString(), id);
      return HostProcess.run(cmd, hostEnvironment(), tty, stdio, Optional.empty(), p -> kill(id));
    } finally {
      delete(id);
    }
  }

  /** Starts a created container's process. */
  public void start(String id) throws IOException {
    Commands.check(runtimeCommand("start", id));
  }

  /** Sends a signal; false when the container is gone or not running. */
  public boolean kill(String id, int signal) throws IOException {
    return Commands.run(runtimeCommand("kill", id, Integer.toString(signal))).code() == 0;
  }

  /**
   * Deletes the container, killing it if it still runs, and its devices cgroup; nothing happens
   * when it is gone.
   */
  public void delete(String id) throws IOException {
    Commands.Result r = Commands.run(runtimeCommand("delete", "-f", id));
    if (r.code() != 0 && state(id).isPresent()) {
      throw new IOException(name() + " delete -f " + id + " failed: " + r.output());
    }
    removeDeviceCgroup(id);
  }

  /** The container's state, or empty when the runtime does not know it. */
  public Optional<State> state(String id) throws IOException {
    Commands.Result r = Commands.run(runtimeCommand("state", id));
    if (r.code() != 0) {
      return Optional.empty();
    }
    try {
      var n = MAPPER.readTree(r.output());
      return Optional.of(new State(n.path("status").asText(""), n.path("pid").asLong(0)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Runs {@code spec} in the running container {@code id} whose root is {@code rootPath}, with
   * {@code stdio} and the container's {@code security} (capabilities, no_new_privs); with {@code
   * detach} the process is left running and this returns at once.
   *
   * @param dir where the process file is written for the runtime to read
   */
  public ExitStatus exec(
      String id,
      Path rootPath,
      ExecSpec spec,
      Security security,
      Stdio stdio,
      boolean detach,
      Path dir)
      throws IOException, InterruptedException {
    ResolvedUser user = Users.resolve(rootPath, spec.user());
    Path file = Files.createTempFile(dir, "exec-", ".json");
    Files.writeString(file, MAPPER.writeValueAsString(OciConfig.process(spec, user, security)));
    try {
      Optional<DeviceCgroup> devices = joined(id);
      List<String> cmd =
          detach
              ? runtimeCommand(devices, "exec", "--detach", "--process", file.toString(), id)
              : runtimeCommand(devices, "exec", "--process", file.toString(), id);
      return HostProcess.run(
          cmd, hostEnvironment(), spec.tty(), stdio, Optional.empty(), Process::destroy);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  static Map<String, String> hostEnvironment() {
    return Map.of(
        "PATH",
        System.getenv()
            .getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
  }
}
