package dev.berth.runtime;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.layer.RootPath;
import dev.berth.mount.MountSpec;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The fallback runtime for hosts without crun or runc, built from util-linux and coreutils.
 *
 * <p>{@code unshare} makes the mount, pid, uts, ipc (and for {@code --network none} network)
 * namespaces; a preamble in the host's {@code /bin/sh} mounts {@code /proc}, {@code /dev}, {@code
 * /sys}, the generated etc files and the extra mounts inside the root, in that private mount
 * namespace, so they vanish with it. It then execs, all from the host: {@code env -i} with the
 * container's environment, {@code setpriv} for the group, supplementary groups and docker's
 * capability bounding set, and {@code unshare --root --wd --setuid}, which chroots, changes to the
 * working directory and becomes the user before it runs the command. The image needs no shell and
 * no helper of its own.
 */
public final class ChrootRuntime implements ContainerRuntime {

  private final Path unshare;
  private final Path setpriv;
  private final Path env;
  private final Path bundles;

  ChrootRuntime(Path unshare, Path setpriv, Path env, Path bundles) {
    this.unshare = unshare;
    this.setpriv = setpriv;
    this.env = env;
    this.bundles = bundles;
  }

  /** The runtime when {@code unshare}, {@code setpriv} and {@code env} are all installed. */
  public static Optional<ChrootRuntime> find() {
    Optional<Path> u = Executables.find("unshare");
    Optional<Path> s = Executables.find("setpriv");
    Optional<Path> e = Executables.find("env");
    if (u.isEmpty() || s.isEmpty() || e.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ChrootRuntime(
            u.get(),
            s.get(),
            e.get(),
            Path.of(System.getProperty("java.io.tmpdir"), "berth-bundles")));
  }

  /** The same runtime writing its bundles below {@code bundles}. */
  public ChrootRuntime withBundles(Path bundles) {
    return new ChrootRuntime(unshare, setpriv, env, bundles);
  }

  @Override
  public String name() {
    return "chroot";
  }

  @Override
  public RunningContainer start(ProcessSpec spec, RootFs root, Stdio stdio)
      throws IOException, InterruptedException {
    Bundle bundle = Bundle.create(bundles);
    RootMounter mounter = null;
    try {
      Path rootPath;
      if (root instanceof RootFs.Directory d) {
        rootPath = d.path().toAbsolutePath().normalize();
      } else if (root instanceof RootFs.Mounts m) {
        rootPath = bundle.rootfs();
        mounter = RootMounter.mount(m, rootPath, undo -> {});
      } else {
        throw new AssertionError(root);
      }
      ResolvedUser user = Users.resolve(rootPath, spec.user());
      EtcFiles etc = EtcFiles.write(bundle.dir(), spec.hostname(), spec.network(), spec.extras());
      List<String> cmd = new ArrayList<>();
      cmd.addAll(
          List.of(
              unshare.toString(),
              "--mount",
              "--propagation",
              "private",
              "--pid",
              "--fork",
              "--kill-child",
              "--uts",
              "--ipc"));
      if (spec.network() == NetworkMode.NONE) {
        cmd.add("--net");
      }
      cmd.addAll(List.of("/bin/sh", "-c", preamble(spec, rootPath, etc), "sh"));
      cmd.addAll(enter(user, spec.env(), spec.cwd(), rootPath, spec.args()));
      HostProcess process = HostProcess.start(cmd, OciRuntime.hostEnvironment(), spec.tty(), stdio);
      return new Container(bundle, mounter, rootPath, spec.network(), process);
    } catch (IOException | RuntimeException e) {
      try {
        cleanUp(mounter, bundle);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /**
   * From the host into the root: {@code env -i} with the environment, {@code setpriv} for groups
   * and capabilities, {@code unshare --root --wd --setuid} to chroot and become the user.
   */
  private List<String> enter(
      ResolvedUser user, List<String> env, String cwd, Path rootPath, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(this.env.toString());
    cmd.add("-i");
    cmd.addAll(user.environment(env));
    cmd.add(setpriv.toString());
    cmd.add("--regid=" + user.gid());
    cmd.add(
        user.additionalGids().isEmpty()
            ? "--clear-groups"
            : "--groups="
                + user.additionalGids().stream()
                    .map(String::valueOf)
                    .collect(Collectors.joining(",")));
    cmd.add(
        "--bounding-set=-all,"
            + Capabilities.DEFAULT.stream()
                .map(c -> "+" + c.substring("CAP_".length()).toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(",")));
    cmd.add(unshare.toString());
    cmd.add("--root=" + rootPath);
    cmd.add("--wd=" + cwd);
    if (user.uid() != 0) {
      cmd.add("--setuid=" + user.uid());
    }
    cmd.add("--");
    cmd.addAll(args);
    return cmd;
  }

  /**
   * A container whose init is the namespace's first process, forked by the outer {@code unshare};
   * exec joins its namespaces with {@code nsenter}.
   */
  private final class Container implements RunningContainer {
    private final Bundle bundle;
    private final RootMounter mounter;
    private final Path rootPath;
    private final NetworkMode network;
    private final HostProcess process;
    private boolean closed;

    Container(
        Bundle bundle,
        RootMounter mounter,
        Path rootPath,
        NetworkMode network,
        HostProcess process) {
      this.bundle = bundle;
      this.mounter = mounter;
      this.rootPath = rootPath;
      this.network = network;
      this.process = process;
    }

    @Override
    public String id() {
      return "chroot-" + process.process().pid();
    }

    @Override
    public ExitStatus waitFor(Optional<Duration> timeout) throws IOException, InterruptedException {
      return process.waitFor(timeout, ChrootRuntime::killTree);
    }

    @Override
    public ExitStatus exec(ExecSpec spec, Stdio stdio) throws IOException, InterruptedException {
      long init = awaitChroot();
      Path nsenter = Executables.require("nsenter", "exec into a chroot container");
      ResolvedUser user = Users.resolve(rootPath, spec.user());
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  nsenter.toString(), "--target=" + init, "--mount", "--uts", "--ipc", "--pid"));
      if (network == NetworkMode.NONE) {
        cmd.add("--net");
      }
      cmd.add("--");
      cmd.addAll(enter(user, spec.env(), spec.cwd(), rootPath, spec.args()));
      return HostProcess.run(
          cmd,
          OciRuntime.hostEnvironment(),
          spec.tty(),
          stdio,
          Optional.empty(),
          ChrootRuntime::killTree);
    }

    @Override
    public void signal(int signal) throws IOException {
      long init = awaitChroot();
      Commands.check(List.of("kill", "-s", Integer.toString(signal), Long.toString(init)));
    }

    /**
     * The host PID of the container's first process, once it has made its mounts and entered the
     * root: only then can another process join it.
     */
    private long awaitChroot() throws IOException {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (true) {
        if (!process.isAlive()) {
          throw BerthException.precondition("container " + id() + " is not running");
        }
        Optional<ProcessHandle> child = process.process().children().findFirst();
        if (child.isPresent()) {
          try {
            Path root = Files.readSymbolicLink(Path.of("/proc", child.get().pid() + "", "root"));
            if (root.equals(rootPath)) {
              return child.get().pid();
            }
          } catch (IOException raced) {
            // The process is between execs or gone; look again.
          }
        }
        if (System.nanoTime() > deadline) {
          throw new BerthException(
              ErrorKind.UNAVAILABLE, "container " + id() + " did not start in time");
        }
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting for the container");
        }
      }
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        process.kill(ChrootRuntime::killTree);
      } finally {
        cleanUp(mounter, bundle);
      }
    }
  }

  /**
   * unshare --kill-child turns the death of the outer unshare into SIGKILL for the namespace's
   * init, which takes every process of the container with it.
   */
  private static void killTree(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  private static void cleanUp(RootMounter mounter, Bundle bundle) throws IOException {
    IOException failure = null;
    if (mounter != null) {
      try {
        mounter.close();
      } catch (IOException e) {
        failure = e;
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

  /** The mounts made inside the new mount namespace, before the chroot. */
  private static String preamble(ProcessSpec spec, Path root, EtcFiles etc) throws IOException {
    List<String> s = new ArrayList<>();
    s.add("set -e");
    String proc = dir(root, "/proc", s);
    s.add("mount -t proc -o nosuid,noexec,nodev proc " + proc);
    String dev = dir(root, "/dev", s);
    s.add("mount -t tmpfs -o nosuid,strictatime,mode=755,size=65536k tmpfs " + dev);
    for (String d : List.of("null", "zero", "full", "random", "urandom", "tty")) {
      s.add("touch " + dev + "/" + d + " && mount --bind /dev/" + d + " " + dev + "/" + d);
    }
    s.add("mkdir " + dev + "/pts " + dev + "/shm " + dev + "/mqueue");
    s.add(
        "mount -t devpts -o nosuid,noexec,newinstance,ptmxmode=0666,mode=0620,gid=5 devpts "
            + dev
            + "/pts");
    s.add("ln -s pts/ptmx " + dev + "/ptmx");
    s.add("mount -t tmpfs -o nosuid,noexec,nodev,mode=1777,size=65536k shm " + dev + "/shm");
    s.add("mount -t mqueue -o nosuid,noexec,nodev mqueue " + dev + "/mqueue");
    s.add("ln -s /proc/self/fd " + dev + "/fd");
    s.add("ln -s /proc/self/fd/0 " + dev + "/stdin");
    s.add("ln -s /proc/self/fd/1 " + dev + "/stdout");
    s.add("ln -s /proc/self/fd/2 " + dev + "/stderr");
    String sys = dir(root, "/sys", s);
    s.add("mount -t sysfs -o ro,nosuid,noexec,nodev sysfs " + sys);
    bindFile(root, "/etc/hosts", etc.hosts(), List.of(), s);
    bindFile(root, "/etc/resolv.conf", etc.resolvConf(), List.of(), s);
    for (MountSpec m : spec.extraMounts()) {
      boolean bind =
          m.type().equals("bind") || m.options().contains("bind") || m.options().contains("rbind");
      if (bind && !Files.isDirectory(Path.of(m.source()))) {
        bindFile(root, m.target(), Path.of(m.source()), m.options(), s);
      } else if (bind) {
        String target = dir(root, m.target(), s);
        s.add("mount --rbind " + Shell.quote(m.source()) + " " + target);
        if (m.options().contains("ro")) {
          s.add("mount -o remount,bind,ro " + target);
        }
      } else {
        String target = dir(root, m.target(), s);
        s.add(
            "mount -t "
                + Shell.quote(m.type())
                + (m.options().isEmpty() ? "" : " -o " + Shell.quote(m.optionString()))
                + " "
                + Shell.quote(m.source())
                + " "
                + target);
      }
    }
    s.add("printf %s " + Shell.quote(spec.hostname()) + " > /proc/sys/kernel/hostname");
    if (spec.network() == NetworkMode.NONE) {
      // Docker's none network still has a working loopback; ip may be missing, which is fine.
      s.add("ip link set lo up 2>/dev/null || true");
    }
    s.add("exec \"$@\"");
    return String.join("\n", s);
  }

  /** A directory inside the root, created when missing, as a quoted host path. */
  private static String dir(Path root, String containerPath, List<String> script)
      throws IOException {
    String q = Shell.quote(RootPath.of(root).path(containerPath, true).toString());
    script.add("mkdir -p " + q);
    return q;
  }

  private static void bindFile(
      Path root, String containerPath, Path source, List<String> options, List<String> script)
      throws IOException {
    Path target = RootPath.of(root).path(containerPath, true);
    String q = Shell.quote(target.toString());
    script.add("mkdir -p " + Shell.quote(target.getParent().toString()));
    script.add("[ -e " + q + " ] || touch " + q);
    script.add("mount --bind " + Shell.quote(source.toString()) + " " + q);
    if (options.contains("ro")) {
      script.add("mount -o remount,bind,ro " + q);
    }
  }
}
