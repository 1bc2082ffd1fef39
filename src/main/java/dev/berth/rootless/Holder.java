package dev.berth.rootless;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The per-user namespace that containers live in when berth runs as an ordinary user: RootlessKit
 * holding a user, mount and network namespace (slirp4netns for the way out, its built-in port
 * driver for published ports) around a process that only waits. berth commands that start or touch
 * containers join it with {@code nsenter}; it is started when the first container needs it and
 * stopped once no process but its own is left inside.
 */
public final class Holder {

  private static final Duration READY = Duration.ofSeconds(20);
  private static final Duration STOP = Duration.ofSeconds(5);

  /**
   * The process the holder keeps. RootlessKit's copy of /run links to the host's entries, which
   * only the host's root may write; berth replaces the ones it writes (network namespaces, its
   * address allocations, iptables' lock) with directories of the holder's own first.
   */
  private static final String KEEPER =
      "rm -f /run/netns /run/berth /run/xtables.lock && mkdir -p /run/netns /run/berth"
          + " && exec sleep infinity";

  private final Path dir;

  private Holder(Path dir) {
    this.dir = dir;
  }

  /** The holder whose state lives in {@code dir}. */
  public static Holder at(Path dir) {
    return new Holder(dir);
  }

  /** The holder of {@code user}, in the user's state directory. */
  public static Holder of(HostUser user) throws IOException {
    return at(user.stateDir().resolve("holder"));
  }

  public Path dir() {
    return dir;
  }

  private Path rootlesskitState() {
    return dir.resolve("rootlesskit");
  }

  /** RootlessKit's API socket, which publishes ports on the host. */
  public Path apiSocket() {
    return rootlesskitState().resolve("api.sock");
  }

  private Path pidFile() {
    return dir.resolve("rootlesskit.pid");
  }

  private Path log() {
    return dir.resolve("holder.log");
  }

  /** Work done while holding the holder's lock. */
  public interface Locked<T> {
    T run() throws IOException, InterruptedException;
  }

  /**
   * Runs {@code body} holding the lock that starting, entering and stopping the holder take, so a
   * command never enters a holder another one is stopping.
   */
  public <T> T locked(Locked<T> body) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    try (FileChannel ch =
            FileChannel.open(
                dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.lock()) {
      return body.run();
    }
  }

  /** The PID of the process inside whose namespaces berth enters, while the holder runs. */
  public Optional<Long> childPid() throws IOException {
    Optional<Long> parent = readPid(pidFile());
    if (parent.isEmpty() || !alive(parent.get())) {
      return Optional.empty();
    }
    return readPid(rootlesskitState().resolve("child_pid")).filter(Holder::alive);
  }

  /** The running holder's child PID, starting the holder first when none runs. Call locked. */
  public long ensure() throws IOException, InterruptedException {
    Optional<Long> running = childPid();
    return running.isPresent() ? running.get() : start();
  }

  private long start() throws IOException, InterruptedException {
    deleteTree(rootlesskitState());
    Files.deleteIfExists(pidFile());
    Files.createDirectories(dir);
    List<String> cmd =
        List.of(
            "setsid",
            "rootlesskit",
            "--state-dir=" + rootlesskitState(),
            "--net=slirp4netns",
            "--disable-host-loopback",
            "--port-driver=builtin",
            "--copy-up=/etc",
            "--copy-up=/run",
            "--",
            "/bin/sh",
            "-c",
            KEEPER);
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectInput(new File("/dev/null"))
            .redirectOutput(log().toFile())
            .redirectErrorStream(true);
    Process p = pb.start();
    Files.writeString(pidFile(), Long.toString(p.pid()));
    long deadline = System.nanoTime() + READY.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<Long> child = readPid(rootlesskitState().resolve("child_pid"));
      if (child.isPresent() && alive(child.get()) && Files.exists(apiSocket())) {
        return child.get();
      }
      if (!p.isAlive()) {
        break;
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    p.destroy();
    p.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS);
    p.destroyForcibly();
    Files.deleteIfExists(pidFile());
    throw new BerthException(
        ErrorKind.FAILED,
        "rootless-holder",
        "the rootless namespace (rootlesskit) did not start; its log "
            + log()
            + " says: "
            + lastLines(log(), 3));
  }

  /**
   * Waits until process {@code pid} has entered the holder's user namespace, or ended: a command
   * counts as inside before the lock that keeps the holder from stopping is let go.
   */
  public void awaitInside(Process p, long childPid) throws IOException, InterruptedException {
    String target = userNamespace(childPid).orElse("");
    long deadline = System.nanoTime() + READY.toNanos();
    while (p.isAlive() && System.nanoTime() < deadline) {
      if (userNamespace(p.pid()).filter(target::equals).isPresent()) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(2);
    }
  }

  /**
   * Stops the holder when no process is inside it but RootlessKit's own and those in {@code ignore}
   * (the caller and its parents). Call locked. Returns whether it stopped.
   */
  public boolean stopIfIdle(Set<Long> ignore) throws IOException, InterruptedException {
    Optional<Long> parent = readPid(pidFile());
    Optional<Long> child = childPid();
    if (parent.isEmpty() || child.isEmpty()) {
      return false;
    }
    Optional<String> ns = userNamespace(child.get());
    if (ns.isEmpty()) {
      return false;
    }
    Set<Long> own = new HashSet<>(ignore);
    own.add(parent.get());
    ProcessHandle.of(parent.get()).ifPresent(h -> h.descendants().forEach(d -> own.add(d.pid())));
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        long pid = Long.parseLong(proc.getFileName().toString());
        if (!own.contains(pid)
            && userNamespace(pid).filter(ns.get()::equals).isPresent()
            && !ended(pid)
            && !endingMonitor(pid)
            && !cleaningUp(pid)) {
          return false;
        }
      }
    }
    stop(parent.get());
    return true;
  }

  /** Stops the holder whatever runs inside (every container in it ends). Call locked. */
  public void stop() throws IOException, InterruptedException {
    Optional<Long> parent = readPid(pidFile());
    if (parent.isPresent()) {
      stop(parent.get());
    }
  }

  private void stop(long parent) throws IOException, InterruptedException {
    Optional<ProcessHandle> h = ProcessHandle.of(parent);
    if (h.isPresent()) {
      h.get().destroy();
      try {
        h.get().onExit().get(STOP.toMillis(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        h.get().destroyForcibly();
      }
    }
    Files.deleteIfExists(pidFile());
    deleteTree(rootlesskitState());
  }

  /**
   * A conmon whose container is gone: it writes the exit status and ends a moment after, and
   * berth's command may be done first. A conmon that still holds a container has it as a child.
   */
  private static boolean endingMonitor(long pid) {
    Optional<ProcessHandle> h = ProcessHandle.of(pid);
    return h.isPresent()
        && h.get().info().command().map(c -> c.endsWith("/conmon")).orElse(false)
        && h.get().children().findAny().isEmpty();
  }

  /**
   * berth as a container's exit command ({@code container cleanup ID}): it takes down what is left
   * of an ended container and needs nothing RootlessKit's processes hold, so a holder may stop
   * under it. Counting it would let two of them keep each other's holder alive.
   */
  private static boolean cleaningUp(long pid) {
    List<String> args =
        ProcessHandle.of(pid).flatMap(h -> h.info().arguments()).map(List::of).orElse(List.of());
    int i = args.indexOf("container");
    return i >= 0 && i + 1 < args.size() && args.get(i + 1).equals("cleanup");
  }

  /** The current process and its parents, which a stop-if-idle check must not count. */
  public static Set<Long> selfAndParents() {
    Set<Long> out = new HashSet<>();
    Optional<ProcessHandle> h = Optional.of(ProcessHandle.current());
    while (h.isPresent()) {
      out.add(h.get().pid());
      h = h.get().parent();
    }
    return out;
  }

  private static Optional<String> userNamespace(long pid) {
    try {
      return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "user")))
          .map(Path::toString);
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }

  /**
   * A process that has ended and waits to be reaped: a conmon whose berth ended first is one, until
   * the host's init collects it.
   */
  private static boolean ended(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      int close = stat.lastIndexOf(')');
      char state = close >= 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
      return state == 'Z' || state == 'X';
    } catch (IOException e) {
      return true;
    }
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static Optional<Long> readPid(Path file) throws IOException {
    try {
      return Optional.of(Long.parseLong(Files.readString(file).trim()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String lastLines(Path file, int n) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
