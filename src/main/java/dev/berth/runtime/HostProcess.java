package dev.berth.runtime;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A host command that runs a container (or a process in one), with its stdio connected: started,
 * then waited for within a time limit. On a timeout or an interrupt it asks the {@link Killer} to
 * end the container.
 */
final class HostProcess {

  /** Ends a running container; called on timeout or interrupt, maybe more than once. */
  @FunctionalInterface
  interface Killer {
    void kill(Process process) throws IOException;
  }

  private static final Duration KILL_GRACE = Duration.ofSeconds(10);

  private final Process process;
  private final List<Thread> pumps;

  private HostProcess(Process process, List<Thread> pumps) {
    this.process = process;
    this.pumps = pumps;
  }

  /** Starts {@code command} and waits for it: {@link #start} then {@link #waitFor}. */
  static ExitStatus run(
      List<String> command,
      Map<String, String> environment,
      boolean tty,
      Stdio stdio,
      Optional<Duration> timeout,
      Killer killer)
      throws IOException, InterruptedException {
    return start(command, environment, tty, stdio).waitFor(timeout, killer);
  }

  /**
   * Starts {@code command}. With {@code tty} it runs under {@code script(1)}, so the container's
   * stdio is a pseudo-terminal that script relays to ours, and the runtime itself needs no console
   * socket.
   */
  static HostProcess start(
      List<String> command, Map<String, String> environment, boolean tty, Stdio stdio)
      throws IOException {
    List<String> cmd = command;
    if (tty) {
      Path script = Executables.require("script", "util-linux's script gives -t a terminal");
      cmd = List.of(script.toString(), "-qec", Shell.join(command), "/dev/null");
    }
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().clear();
    pb.environment().putAll(environment);
    if (tty) {
      pb.environment().put("SHELL", "/bin/sh");
    }
    List<Thread> pumps = new ArrayList<>();
    if (stdio instanceof Stdio.Inherit) {
      pb.inheritIO();
    } else if (stdio instanceof Stdio.Lines) {
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    } else if (stdio instanceof Stdio.Streams s && s.in() == null) {
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }
    Process process = pb.start();
    if (stdio instanceof Stdio.Streams s) {
      if (s.in() != null) {
        pumps.add(pump("stdin", () -> copyAndClose(s.in(), process.getOutputStream())));
      }
      pumps.add(pump("stdout", () -> process.getInputStream().transferTo(s.out())));
      pumps.add(pump("stderr", () -> process.getErrorStream().transferTo(s.err())));
    } else if (stdio instanceof Stdio.Lines l) {
      Object lock = new Object();
      pumps.add(
          pump("stdout", () -> lines(process.getInputStream(), Stdio.Channel.STDOUT, l, lock)));
      pumps.add(
          pump("stderr", () -> lines(process.getErrorStream(), Stdio.Channel.STDERR, l, lock)));
    }
    return new HostProcess(process, pumps);
  }

  Process process() {
    return process;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the command to end, killing it when {@code timeout} passes or on an interrupt. */
  ExitStatus waitFor(Optional<Duration> timeout, Killer killer)
      throws IOException, InterruptedException {
    boolean timedOut = false;
    try {
      if (timeout.isPresent()) {
        if (!process.waitFor(timeout.get().toNanos(), TimeUnit.NANOSECONDS)) {
          timedOut = true;
          killAndWait(process, killer);
        }
      } else {
        process.waitFor();
      }
    } catch (InterruptedException e) {
      killAndWait(process, killer);
      throw e;
    }
    for (Thread t : pumps) {
      // Output pumps end when the last holder of the pipe exits; stdin may still be blocked.
      if (t.getName().endsWith("stdin")) {
        t.interrupt();
      } else {
        t.join(TimeUnit.SECONDS.toMillis(10));
      }
    }
    return new ExitStatus(timedOut ? 137 : process.exitValue(), timedOut);
  }

  /** Ends the command if it still runs and waits for it, as after a timeout. */
  void kill(Killer killer) throws IOException {
    if (process.isAlive()) {
      killAndWait(process, killer);
    }
  }

  /** Kills and waits, ignoring further interrupts so the container is gone before we return. */
  private static void killAndWait(Process process, Killer killer) throws IOException {
    long deadline = System.nanoTime() + KILL_GRACE.toNanos();
    boolean interrupted = false;
    try {
      while (process.isAlive()) {
        killer.kill(process);
        try {
          if (process.waitFor(100, TimeUnit.MILLISECONDS)) {
            break;
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
        if (System.nanoTime() > deadline) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private interface IoTask {
    void run() throws IOException;
  }

  private static Thread pump(String name, IoTask task) {
    Thread t =
        new Thread(
            () -> {
              try {
                task.run();
              } catch (IOException e) {
                // The other end went away: the process ended or the caller closed its stream.
              }
            },
            "berth-runtime-" + name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void copyAndClose(InputStream in, OutputStream out) throws IOException {
    try (out) {
      in.transferTo(out);
    }
  }

  private static void lines(InputStream in, Stdio.Channel channel, Stdio.Lines sink, Object lock)
      throws IOException {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (lock) {
          sink.sink().line(channel, line);
        }
      }
    }
  }
}
