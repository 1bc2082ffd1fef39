package dev.berth.solver;

import dev.berth.mount.MountSpec;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ExecSpec;
import dev.berth.runtime.ExitStatus;
import dev.berth.runtime.ProcessSpec;
import dev.berth.runtime.RootFs;
import dev.berth.runtime.RunningContainer;
import dev.berth.runtime.Stdio;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A runtime for solver tests that runs a tiny command language in-process on the root directory of
 * a copy snapshot, so the solver is tested without root, mounts or an OCI runtime. A RUN's shell
 * command is split at {@code &&}: {@code write PATH TEXT}, {@code echo TEXT}, {@code exit N},
 * {@code link TARGET PATH} (a symlink), {@code cat PATH} and {@code owner PATH} (the file's content
 * or uid:gid, or {@code missing}; PATH is taken as it is, links on the host's terms), {@code
 * mounted PATH}, which prints the names in the host directory that an extra mount at PATH binds (or
 * {@code missing}), and {@code meet}, which waits until {@code parties} RUNs are meeting at once
 * (or fails after 10 s), proving they run in parallel.
 */
final class ScriptedRuntime implements ContainerRuntime {

  private final List<String> ran = Collections.synchronizedList(new ArrayList<>());
  private final CyclicBarrier meeting;

  ScriptedRuntime(int parties) {
    this.meeting = new CyclicBarrier(parties);
  }

  /** The commands run so far, one entry per RUN. */
  List<String> ran() {
    synchronized (ran) {
      return List.copyOf(ran);
    }
  }

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public RunningContainer start(ProcessSpec spec, RootFs root, Stdio stdio) throws IOException {
    Path dir = rootDir(root);
    String script = spec.args().get(spec.args().size() - 1);
    ran.add(script);
    int code = 0;
    for (String command : script.split(" && ")) {
      code = run(command.trim(), dir, spec, stdio);
      if (code != 0) {
        break;
      }
    }
    int exit = code;
    return new RunningContainer() {
      @Override
      public String id() {
        return "scripted";
      }

      @Override
      public ExitStatus exec(ExecSpec process, Stdio stdio) {
        throw new UnsupportedOperationException("the solver never execs");
      }

      @Override
      public void signal(int signal) {}

      @Override
      public ExitStatus waitFor(Optional<Duration> timeout) {
        return new ExitStatus(exit, false);
      }

      @Override
      public void close() {}
    };
  }

  private int run(String command, Path root, ProcessSpec spec, Stdio stdio) throws IOException {
    String[] w = command.split(" ", 3);
    switch (w[0]) {
      case "write" -> {
        Path p = root.resolve(w[1].substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, w.length > 2 ? w[2] : "", StandardCharsets.UTF_8);
        return 0;
      }
      case "link" -> {
        String[] l = command.split(" ");
        Path p = root.resolve(l[2].substring(1));
        Files.createDirectories(p.getParent());
        Files.createSymbolicLink(p, Path.of(l[1]));
        return 0;
      }
      case "mounted" -> {
        String shown = "missing";
        for (MountSpec m : spec.extraMounts()) {
          Path source = Path.of(m.source());
          if (m.target().equals(w[1]) && Files.isDirectory(source)) {
            try (var names = Files.list(source)) {
              shown =
                  "["
                      + String.join(
                          ",", names.map(n -> n.getFileName().toString()).sorted().toList())
                      + "]";
            }
          }
        }
        ((Stdio.Lines) stdio).sink().line(Stdio.Channel.STDOUT, shown);
        return 0;
      }
      case "cat", "owner" -> {
        Path p = root.resolve(w[1].substring(1));
        String shown = "missing";
        if (Files.exists(p)) {
          shown =
              w[0].equals("cat")
                  ? Files.readString(p)
                  : Files.getAttribute(p, "unix:uid") + ":" + Files.getAttribute(p, "unix:gid");
        }
        ((Stdio.Lines) stdio).sink().line(Stdio.Channel.STDOUT, shown);
        return 0;
      }
      case "echo" -> {
        ((Stdio.Lines) stdio).sink().line(Stdio.Channel.STDOUT, command.substring(5));
        return 0;
      }
      case "exit" -> {
        return Integer.parseInt(w[1]);
      }
      case "meet" -> {
        try {
          meeting.await(10, TimeUnit.SECONDS);
          return 0;
        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
          return 99;
        }
      }
      default -> throw new IOException("unknown scripted command: " + command);
    }
  }

  private static Path rootDir(RootFs root) throws IOException {
    if (root instanceof RootFs.Directory d) {
      return d.path();
    }
    for (MountSpec m : ((RootFs.Mounts) root).mounts()) {
      if (m.target().equals("/") && m.type().equals("bind")) {
        return Path.of(m.source());
      }
    }
    throw new IOException("the scripted runtime needs a bind-mounted (copy) snapshot: " + root);
  }
}
