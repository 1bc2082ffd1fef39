package dev.berth.runtime;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Starts conmon, podman's per-container monitor, for a container that must outlive the berth
 * process that starts it: conmon runs {@code <runtime> create}, then stays as the container's
 * parent, holds its stdio, writes its output to a log file (CRI's k8s-file lines) and its exit code
 * to a file, and runs an exit command when it ends. berth keeps no process of its own.
 */
public final class Conmon {

  private static final Duration CREATE_WAIT = Duration.ofSeconds(30);

  /**
   * One container for conmon to supervise.
   *
   * @param dir the container's own directory: pid files, the socket dir and conmon's own output go
   *     there
   * @param exitDir conmon writes a file named {@code id} holding the exit code there
   * @param exitCommand run by conmon when the container ends (empty for none)
   * @param environment more variables for conmon, and so for its exit command
   */
  public record Request(
      String id,
      String name,
      Path bundle,
      Path runtime,
      List<String> runtimeArgs,
      Path dir,
      Path exitDir,
      Path logPath,
      boolean tty,
      List<String> exitCommand,
      Map<String, String> environment) {
    public Request {
      environment = Map.copyOf(environment);
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      runtimeArgs = List.copyOf(runtimeArgs);
      exitCommand = List.copyOf(exitCommand);
    }

    public Path containerPidFile() {
      return dir.resolve("pidfile");
    }

    public Path conmonPidFile() {
      return dir.resolve("conmon.pid");
    }

    /** What conmon itself wrote, where {@code <runtime> create} reports why it failed. */
    public Path conmonOutput() {
      return dir.resolve("conmon.out");
    }
  }

  private final Path binary;

  private Conmon(Path binary) {
    this.binary = binary;
  }

  /** conmon if installed. */
  public static Optional<Conmon> find() {
    return Executables.find("conmon").map(Conmon::new);
  }

  /**
   * Launches conmon and waits until the runtime has created the container (its pid file exists),
   * ready for {@code <runtime> start}.
   *
   * @throws BerthException FAILED with conmon's own words when the container cannot be created
   */
  public long create(Request r) throws IOException {
    Path sockets = Files.createDirectories(r.dir().resolve("sockets"));
    Files.createDirectories(r.exitDir());
    List<String> cmd =
        new ArrayList<>(
            List.of(
                binary.toString(),
                "--api-version",
                "1",
                "--cid",
                r.id(),
                "--cuuid",
                r.id(),
                "--name",
                r.name(),
                "--runtime",
                r.runtime().toString(),
                "--bundle",
                r.bundle().toString(),
                "--container-pidfile",
                r.containerPidFile().toString(),
                "--conmon-pidfile",
                r.conmonPidFile().toString(),
                "--exit-dir",
                r.exitDir().toString(),
                "--log-path",
                "k8s-file:" + r.logPath(),
                "--socket-dir-path",
                sockets.toString(),
                "--log-level",
                "error"));
    for (String a : r.runtimeArgs()) {
      cmd.add("--runtime-arg");
      cmd.add(a);
    }
    if (r.tty()) {
      cmd.add("--terminal");
    }
    if (!r.exitCommand().isEmpty()) {
      cmd.add("--exit-command");
      cmd.add(r.exitCommand().get(0));
      for (String a : r.exitCommand().subList(1, r.exitCommand().size())) {
        cmd.add("--exit-command-arg");
        cmd.add(a);
      }
    }
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().clear();
    pb.environment().putAll(OciRuntime.hostEnvironment());
    pb.environment().putAll(r.environment());
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.redirectOutput(r.conmonOutput().toFile());
    pb.redirectErrorStream(true);
    Process launcher = pb.start();
    try {
      // conmon forks its monitor and the first process returns.
      launcher.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while starting conmon");
    }
    long deadline = System.nanoTime() + CREATE_WAIT.toNanos();
    while (true) {
      Optional<Long> pid = readPid(r.containerPidFile());
      if (pid.isPresent()) {
        return pid.get();
      }
      Optional<Long> monitor = readPid(r.conmonPidFile());
      boolean monitorGone =
          launcher.exitValue() != 0
              || (monitor.isPresent() && !Files.exists(Path.of("/proc", monitor.get() + "")));
      if (monitorGone || System.nanoTime() > deadline) {
        String said = Files.exists(r.conmonOutput()) ? Files.readString(r.conmonOutput()) : "";
        throw new BerthException(
            ErrorKind.FAILED,
            "container-create",
            "cannot create container "
                + r.name()
                + (said.isBlank() ? "" : ": " + said.strip().replace('\n', ' ')));
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while the container was created");
      }
    }
  }

  private static Optional<Long> readPid(Path file) throws IOException {
    try {
      String s = Files.readString(file).trim();
      return s.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(s));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
