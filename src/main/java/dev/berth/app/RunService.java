package dev.berth.app;

import dev.berth.container.Sandbox;
import dev.berth.diag.BerthException;
import dev.berth.image.ContainerConfig;
import dev.berth.mount.MountSpec;
import dev.berth.runtime.ExitStatus;
import dev.berth.runtime.NetworkMode;
import dev.berth.runtime.ProcessSpec;
import dev.berth.runtime.Stdio;
import dev.berth.runtime.UserSpec;
import dev.berth.store.LocalImages;
import dev.berth.store.Store;
import dev.berth.store.StoredImage;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code berth run}: runs an image's process on a fresh writable snapshot of its layers, through
 * the same runtime and the same sandbox as RUN steps, with stdio attached; the container is removed
 * when it exits.
 */
public final class RunService {

  private static final String DEFAULT_PATH =
      "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final Berth berth;

  RunService(Berth berth) {
    this.berth = berth;
  }

  /** Runs the container and returns its exit code (128 + signal when it was killed). */
  public int run(RunOptions options) throws IOException, InterruptedException {
    if (!BuildService.isRoot()) {
      throw BerthException.precondition(
          "berth run needs root for now (overlay mounts, an OCI runtime)");
    }
    for (Mount m : options.mounts()) {
      if (!Files.exists(m.source())) {
        throw BerthException.invalid("invalid -v: " + m.source() + " does not exist");
      }
    }
    try (Store store = berth.openStore()) {
      StoredImage img = new LocalImages(store).find(options.image());
      ContainerConfig config = img.config().config();
      ProcessSpec spec =
          new ProcessSpec(
              command(options, config),
              env(config, options.env()),
              options.workdir().orElse(config.workingDir().isEmpty() ? "/" : config.workingDir()),
              UserSpec.parse(options.user().orElse(config.user().isEmpty() ? "0" : config.user())),
              options.tty(),
              options.network().filter(NetworkRequest.NONE::equals).isPresent()
                  ? NetworkMode.NONE
                  : NetworkMode.HOST,
              "berth",
              mounts(options.mounts()),
              Optional.empty());
      try (Sandbox sandbox =
          Sandbox.prepare(
              berth.snapshotter(store), img.manifest().layers(), img.config().diffIds(), "run")) {
        ExitStatus status = sandbox.run(berth.runtime(), spec, Stdio.inherit());
        return status.code();
      }
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

  /** The image's ENV with the request's variables set over it, and PATH always set. */
  static List<String> env(ContainerConfig config, Map<String, String> extra) {
    Map<String, String> env = new LinkedHashMap<>(config.envMap());
    env.putAll(extra);
    env.putIfAbsent("PATH", DEFAULT_PATH);
    List<String> out = new ArrayList<>();
    env.forEach((k, v) -> out.add(k + "=" + v));
    return out;
  }

  private static List<MountSpec> mounts(List<Mount> mounts) {
    List<MountSpec> out = new ArrayList<>();
    for (Mount m : mounts) {
      out.add(
          new MountSpec(
              "bind",
              m.source().toString(),
              m.target(),
              m.readOnly() ? List.of("rbind", "ro") : List.of("rbind", "rw")));
    }
    return out;
  }
}
