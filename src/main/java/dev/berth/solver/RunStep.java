package dev.berth.solver;

import dev.berth.container.Sandbox;
import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.mount.MountSpec;
import dev.berth.plan.op.RunOp;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ExitStatus;
import dev.berth.runtime.NetworkMode;
import dev.berth.runtime.ProcessExtras;
import dev.berth.runtime.ProcessSpec;
import dev.berth.runtime.Stdio;
import dev.berth.runtime.UserSpec;
import dev.berth.store.Store;
import dev.berth.store.snapshot.Snapshotter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a RUN step: the process runs on a writable snapshot of the parent's layers, and what it
 * changed becomes the new layer and, committed, the new snapshot, so a layer built here is never
 * extracted again.
 */
final class RunStep {

  private static final int TAIL = 20;

  /**
   * Mount points the runtime had to create because the image lacks them; they are not the step's
   * work, so they stay out of its layer (as with BuildKit).
   */
  private static final List<String> MOUNTPOINTS =
      List.of(
          "dev/berth-run-script",
          "etc/hosts",
          "etc/resolv.conf",
          "etc/hostname",
          "proc",
          "sys",
          "dev",
          "etc");

  private final Store store;
  private final Snapshotter snapshotter;
  private final ContainerRuntime runtime;
  private final LayerFiles layers;
  private final Optional<NetworkMode> forcedNetwork;
  private final RunMounts.Sources sources;
  private final Map<String, byte[]> secrets;
  private final Optional<Instant> sourceDateEpoch;
  private final ProcessExtras extras;

  RunStep(
      Store store,
      Snapshotter snapshotter,
      ContainerRuntime runtime,
      LayerFiles layers,
      Optional<NetworkMode> forcedNetwork,
      RunMounts.Sources sources,
      Map<String, byte[]> secrets,
      Optional<Instant> sourceDateEpoch,
      ProcessExtras extras) {
    this.extras = extras;
    this.store = store;
    this.snapshotter = snapshotter;
    this.runtime = runtime;
    this.layers = layers;
    this.forcedNetwork = forcedNetwork;
    this.sources = sources;
    this.secrets = secrets;
    this.sourceDateEpoch = sourceDateEpoch;
  }

  LayerMade run(ImageState parent, RunOp op, Map<Integer, ImageState> stages, Stdio.LineSink output)
      throws IOException, InterruptedException {
    Path script = null;
    try (Sandbox sandbox = Sandbox.prepare(snapshotter, parent.layers(), parent.diffIds(), "run");
        RunMounts runMounts =
            RunMounts.prepare(
                op.mounts(), op.workdir(), store, snapshotter, sources, stages, secrets)) {
      List<String> args = op.args();
      List<MountSpec> extra = new ArrayList<>(runMounts.mounts());
      List<String> env = new ArrayList<>(op.env());
      env.addAll(runMounts.env());
      // As BuildKit does: tools that honour SOURCE_DATE_EPOCH (useradd, pip, ...) see it.
      if (sourceDateEpoch.isPresent()
          && env.stream().noneMatch(e -> e.startsWith("SOURCE_DATE_EPOCH="))) {
        env.add("SOURCE_DATE_EPOCH=" + sourceDateEpoch.get().getEpochSecond());
      }
      if (!op.script().isEmpty()) {
        script =
            Files.createTempFile(
                store.newTempPath("script").getParent(),
                "run-",
                ".sh",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.writeString(script, op.script(), StandardCharsets.UTF_8);
        extra.add(
            new MountSpec(
                "bind", script.toString(), "/dev/berth-run-script", List.of("rbind", "ro")));
        args = List.of("/dev/berth-run-script");
      }
      ProcessSpec spec =
          new ProcessSpec(
              args,
              env,
              op.workdir().isEmpty() ? "/" : op.workdir(),
              op.user().isEmpty() ? UserSpec.ROOT : UserSpec.parse(op.user()),
              false,
              network(op.network()),
              "berth",
              extra,
              Optional.empty(),
              extras);
      Deque<String> tail = new ArrayDeque<>();
      ExitStatus status =
          sandbox.run(
              runtime,
              spec,
              Stdio.lines(
                  (channel, line) -> {
                    synchronized (tail) {
                      if (tail.size() == TAIL) {
                        tail.removeFirst();
                      }
                      tail.addLast(line);
                    }
                    output.line(channel, line);
                  }));
      if (status.code() != 0) {
        throw new BerthException(
                ErrorKind.FAILED, "step-failed", "the command exited with code " + status.code())
            .withDetails(new ArrayList<>(tail));
      }
      pruneMountpoints(sandbox.writable(), sandbox.below(), runMounts.targets());
      LayerMade made = layers.write(sandbox.changes());
      sandbox.commit(made.diffId());
      return made;
    } finally {
      if (script != null) {
        Files.deleteIfExists(script);
      }
    }
  }

  private NetworkMode network(String requested) {
    if (forcedNetwork.isPresent() && requested.equals("default")) {
      return forcedNetwork.get();
    }
    return requested.equals("none") ? NetworkMode.NONE : NetworkMode.HOST;
  }

  private static void pruneMountpoints(Path upper, List<Path> lowers, List<String> mountTargets)
      throws IOException {
    List<String> candidates = new ArrayList<>();
    for (String t : mountTargets) {
      // The target of a RUN --mount, then its parents (such as /run/secrets), deepest first.
      Path p = Path.of(t);
      while (p != null && p.getNameCount() > 0) {
        candidates.add(p.toString().substring(1));
        p = p.getParent();
      }
    }
    candidates.addAll(MOUNTPOINTS);
    for (String rel : candidates) {
      Path p = upper.resolve(rel);
      if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      boolean inLower = false;
      for (Path lower : lowers) {
        inLower |= Files.exists(lower.resolve(rel), LinkOption.NOFOLLOW_LINKS);
      }
      if (inLower) {
        continue;
      }
      boolean empty =
          Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
              ? isEmptyDir(p)
              : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.size(p) == 0;
      if (empty) {
        Files.delete(p);
      }
    }
  }

  private static boolean isEmptyDir(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }
}
