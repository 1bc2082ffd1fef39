package dev.berth.app;

import dev.berth.image.ContainerConfig;
import dev.berth.image.Digest;
import dev.berth.mount.MountSpec;
import dev.berth.runtime.ExitStatus;
import dev.berth.runtime.NetworkMode;
import dev.berth.runtime.ProcessSpec;
import dev.berth.runtime.RootFs;
import dev.berth.runtime.Runtimes;
import dev.berth.runtime.Stdio;
import dev.berth.runtime.UserLookupException;
import dev.berth.runtime.UserSpec;
import dev.berth.store.LocalImages;
import dev.berth.store.Store;
import dev.berth.store.StoredImage;
import dev.berth.store.snapshot.OverlaySnapshotter;
import dev.berth.store.snapshot.Snapshotter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code berth run}: runs an image's process on a fresh writable snapshot of its layers, through
 * the same runtime as RUN steps, with stdio attached; the container is removed when it exits.
 */
public final class RunService {

  private final Path root;

  public RunService(Path storeRoot) {
    this.root = storeRoot;
  }

  public static RunService forCurrentUser() throws IOException {
    return new RunService(dev.berth.store.StoreRoot.current());
  }

  /** Runs the container and returns its exit code (128 + signal when it was killed). */
  public int run(RunOptions options) throws IOException, InterruptedException {
    if (!BuildService.isRoot()) {
      throw new BadInputException("berth run needs root for now (overlay mounts, an OCI runtime)");
    }
    try (Store store = Store.open(root)) {
      StoredImage img = InputErrors.translate(() -> new LocalImages(store).find(options.image()));
      ContainerConfig config = img.config().config();
      List<String> argv = command(options, config);
      Snapshotter snapshotter = new OverlaySnapshotter(store, Snapshots.unpacker());
      Optional<Digest> chain =
          snapshotter.unpackChain(img.manifest().layers(), img.config().diffIds());
      String key = "run-" + UUID.randomUUID();
      List<MountSpec> mounts = snapshotter.prepare(key, chain.map(Digest::toString).orElse(""));
      try {
        ProcessSpec spec =
            new ProcessSpec(
                argv,
                env(config, options.env()),
                options.workdir().orElse(config.workingDir().isEmpty() ? "/" : config.workingDir()),
                UserSpec.parse(
                    options.user().orElse(config.user().isEmpty() ? "0" : config.user())),
                options.tty(),
                options.network().filter("none"::equals).isPresent()
                    ? NetworkMode.NONE
                    : NetworkMode.HOST,
                "berth",
                volumes(options.volumes()),
                Optional.empty());
        ExitStatus status = Runtimes.detect().run(spec, RootFs.mounts(mounts), Stdio.inherit());
        return status.code();
      } catch (UserLookupException e) {
        throw new BadInputException(e.getMessage(), e);
      } finally {
        snapshotter.remove(key);
      }
    }
  }

  private static List<String> command(RunOptions o, ContainerConfig config)
      throws BadInputException {
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
      throw new BadInputException(
          "no command: the image " + o.image() + " has no ENTRYPOINT or CMD, and none was given");
    }
    return argv;
  }

  private static List<String> env(ContainerConfig config, List<String> extra)
      throws BadInputException {
    Map<String, String> env = new LinkedHashMap<>();
    for (String e : config.env()) {
      int eq = e.indexOf('=');
      env.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
    }
    for (String e : extra) {
      int eq = e.indexOf('=');
      if (eq == 0) {
        throw new BadInputException("invalid -e '" + e + "': expected KEY=VALUE or KEY");
      }
      if (eq < 0) {
        String v = System.getenv(e);
        if (v != null) {
          env.put(e, v);
        }
      } else {
        env.put(e.substring(0, eq), e.substring(eq + 1));
      }
    }
    env.putIfAbsent("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    List<String> out = new ArrayList<>();
    env.forEach((k, v) -> out.add(k + "=" + v));
    return out;
  }

  private static List<MountSpec> volumes(List<String> specs) throws BadInputException {
    List<MountSpec> out = new ArrayList<>();
    for (String v : specs) {
      String[] parts = v.split(":");
      if (parts.length < 2
          || parts.length > 3
          || parts[0].isEmpty()
          || !parts[1].startsWith("/")
          || (parts.length == 3 && !parts[2].equals("ro") && !parts[2].equals("rw"))) {
        throw new BadInputException(
            "invalid -v '"
                + v
                + "': expected HOST:CONTAINER[:ro], with an absolute CONTAINER path");
      }
      Path host = Path.of(parts[0]).toAbsolutePath().normalize();
      if (!Files.exists(host)) {
        throw new BadInputException("invalid -v '" + v + "': " + host + " does not exist");
      }
      boolean ro = parts.length == 3 && parts[2].equals("ro");
      out.add(
          new MountSpec(
              "bind",
              host.toString(),
              parts[1],
              ro ? List.of("rbind", "ro") : List.of("rbind", "rw")));
    }
    return out;
  }
}
