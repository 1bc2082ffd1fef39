package dev.berth.solver;

import dev.berth.diag.BerthException;
import dev.berth.image.Digest;
import dev.berth.layer.RootPath;
import dev.berth.mount.MountSpec;
import dev.berth.plan.op.MountRequest;
import dev.berth.store.AtomicFiles;
import dev.berth.store.Store;
import dev.berth.store.snapshot.Snapshotter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns {@code RUN --mount} requests into mounts for one process: cache directories kept in the
 * store across builds, bind mounts of the context or a stage (writes to an {@code rw} bind are
 * thrown away), tmpfs, and secrets that exist only while the command runs.
 */
final class RunMounts implements AutoCloseable {

  /** What the runtime gets, and what to undo afterwards. */
  private final List<MountSpec> mounts = new ArrayList<>();

  private final List<String> env = new ArrayList<>();
  private final List<String> targets = new ArrayList<>();
  private final Deque<AutoCloseable> cleanup = new ArrayDeque<>();

  /**
   * What a bind mount can read besides stages: the build context, the directories of named contexts
   * and the references of named image contexts, by (lower-case) name.
   */
  record Sources(Path context, Map<String, Path> directories, Map<String, String> images) {
    Sources {
      directories = Map.copyOf(directories);
      images = Map.copyOf(images);
    }
  }

  private RunMounts() {}

  static RunMounts prepare(
      List<MountRequest> requests,
      String workdir,
      Store store,
      Snapshotter snapshotter,
      Sources sources,
      Map<Integer, ImageState> stages,
      Map<String, byte[]> secrets)
      throws IOException {
    RunMounts m = new RunMounts();
    try {
      for (MountRequest r : requests) {
        m.add(r, workdir, store, snapshotter, sources, stages, secrets);
      }
      return m;
    } catch (IOException | RuntimeException e) {
      m.close();
      throw e;
    }
  }

  List<MountSpec> mounts() {
    return mounts;
  }

  List<String> env() {
    return env;
  }

  /** Where the mounts went in the container: mount points made there stay out of the layer. */
  List<String> targets() {
    return targets;
  }

  private void add(
      MountRequest r,
      String workdir,
      Store store,
      Snapshotter snapshotter,
      Sources sources,
      Map<Integer, ImageState> stages,
      Map<String, byte[]> secrets)
      throws IOException {
    switch (r.type()) {
      case "cache" -> cache(r, workdir, store);
      case "bind" -> bind(r, workdir, store, snapshotter, sources, stages);
      case "tmpfs" -> {
        String target = target(r, workdir);
        List<String> opts = new ArrayList<>(List.of("nosuid", "nodev"));
        r.option("size").ifPresent(s -> opts.add("size=" + s));
        mounts.add(new MountSpec("tmpfs", "tmpfs", target, opts));
        targets.add(target);
      }
      case "secret" -> secret(r, store, secrets);
      default ->
          throw BerthException.invalid(
              "RUN --mount=type="
                  + r.type()
                  + " is not supported by this version of berth"
                  + " (bind, cache, tmpfs and secret are)");
    }
  }

  /**
   * The absolute target: a relative or missing one joins the working directory, as BuildKit does
   * (so {@code --mount=from=stage} alone mounts at the WORKDIR), and {@code /} is refused.
   */
  private static String target(MountRequest r, String workdir) throws BerthException {
    String t = r.option("target").orElse("");
    String base = workdir.isEmpty() ? "/" : workdir;
    String target = Path.of(t.startsWith("/") ? t : base + "/" + t).normalize().toString();
    if (target.equals("/")) {
      throw BerthException.invalid(
          "RUN --mount=type=" + r.type() + ": invalid mount target \"" + target + "\"");
    }
    return target;
  }

  private void cache(MountRequest r, String workdir, Store store) throws IOException {
    String target = target(r, workdir);
    if (r.option("from").isPresent() || r.option("source").isPresent()) {
      throw BerthException.invalid(
          "RUN --mount=type=cache with from= or source= is not supported by this version of berth");
    }
    String id = r.option("id").orElse(target);
    Path root = store.layout().cacheMounts();
    Path dir = root.resolve(Digest.sha256(id.getBytes(StandardCharsets.UTF_8)).hex());
    Files.createDirectories(root);
    if (!Files.isDirectory(dir)) {
      Path fresh = Files.createTempDirectory(root, ".new-");
      applyOwner(fresh, r, 0755);
      try {
        Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        AtomicFiles.deleteTree(fresh);
      }
    }
    String sharing = r.option("sharing").orElse("shared");
    Path source = dir;
    if (!sharing.equals("shared")) {
      FileChannel ch =
          FileChannel.open(
              root.resolve(dir.getFileName() + ".lock"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE);
      FileLock lock = sharing.equals("locked") ? ch.lock() : ch.tryLock();
      if (lock == null) {
        // private: another build holds this cache, so this one gets a fresh, throw-away directory.
        ch.close();
        Path temp = Files.createTempDirectory(root, ".private-");
        applyOwner(temp, r, 0755);
        cleanup.push(() -> AtomicFiles.deleteTree(temp));
        source = temp;
      } else {
        cleanup.push(
            () -> {
              lock.release();
              ch.close();
            });
      }
    }
    boolean ro = r.flag("readonly") || r.flag("ro");
    mounts.add(
        new MountSpec("bind", source.toString(), target, List.of("rbind", ro ? "ro" : "rw")));
    targets.add(target);
  }

  /** Sets the mount's {@code mode} (or the default), {@code uid} and {@code gid} on a path. */
  private static void applyOwner(Path path, MountRequest r, int defaultMode) throws IOException {
    int mode = defaultMode;
    if (r.option("mode").isPresent()) {
      try {
        mode = Integer.parseInt(r.option("mode").get(), 8);
      } catch (NumberFormatException e) {
        throw BerthException.invalid(
            "RUN --mount: mode must be octal, not '" + r.option("mode").get() + "'");
      }
    }
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(rwx(mode)));
    Files.setAttribute(path, "unix:uid", (int) number(r, "uid"), LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(path, "unix:gid", (int) number(r, "gid"), LinkOption.NOFOLLOW_LINKS);
  }

  private static long number(MountRequest r, String key) throws BerthException {
    String v = r.option(key).orElse("0");
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw BerthException.invalid("RUN --mount: " + key + " must be a number, not '" + v + "'");
    }
  }

  private static String rwx(int mode) {
    StringBuilder sb = new StringBuilder();
    String chars = "rwx";
    for (int i = 8; i >= 0; i--) {
      sb.append((mode & (1 << i)) != 0 ? chars.charAt((8 - i) % 3) : '-');
    }
    return sb.toString();
  }

  private void bind(
      MountRequest r,
      String workdir,
      Store store,
      Snapshotter snapshotter,
      Sources sources,
      Map<Integer, ImageState> stages)
      throws IOException {
    String target = target(r, workdir);
    String source = r.option("source").orElse("/");
    Path root;
    if (r.fromStage().isPresent()) {
      RootView view =
          RootView.open(
              snapshotter, stages.get(r.fromStage().get()), store.newTempPath("bind").getParent());
      cleanup.push(view);
      root = view.root();
    } else if (r.option("from").isPresent()) {
      String from = r.option("from").get();
      String lower = from.toLowerCase(Locale.ROOT);
      if (sources.directories().containsKey(lower)) {
        root = sources.directories().get(lower);
      } else {
        // A named image context, or an image by its reference, as BuildKit reads from=.
        RootView view =
            RootView.open(
                snapshotter,
                CopySources.image(store, sources.images().getOrDefault(lower, from)),
                store.newTempPath("bind").getParent());
        cleanup.push(view);
        root = view.root();
      }
    } else {
      root = sources.context();
    }
    // Resolved in the stage's (or context's) own root: a stage's '/data -> /home/me' must mount
    // the stage's /home/me, never the host's; the mount would follow any link left in the path.
    Path src = RootPath.of(root).path(source, true);
    if (!Files.exists(src, LinkOption.NOFOLLOW_LINKS)) {
      throw BerthException.invalid("RUN --mount=type=bind: source " + source + " not found");
    }
    if (r.flag("rw") || r.flag("readwrite")) {
      // Writes to an rw bind mount are thrown away: the process gets a copy.
      Path copy = Files.createTempDirectory(store.newTempPath("bind").getParent(), "bind-rw-");
      cleanup.push(() -> AtomicFiles.deleteTree(copy));
      Path dest = copy.resolve("src");
      Process p =
          new ProcessBuilder("cp", "-a", src.toString(), dest.toString())
              .redirectErrorStream(true)
              .start();
      try {
        if (p.waitFor() != 0) {
          throw new IOException(
              "cannot copy "
                  + src
                  + ": "
                  + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      mounts.add(new MountSpec("bind", dest.toString(), target, List.of("rbind", "rw")));
    } else {
      mounts.add(new MountSpec("bind", src.toString(), target, List.of("rbind", "ro")));
    }
    targets.add(target);
  }

  private void secret(MountRequest r, Store store, Map<String, byte[]> secrets) throws IOException {
    String id =
        r.option("id")
            .or(() -> r.option("target").map(t -> Path.of(t).getFileName().toString()))
            .orElseThrow(() -> BerthException.invalid("RUN --mount=type=secret needs id=<id>"));
    byte[] value = secrets.get(id);
    boolean required = r.flag("required");
    if (value == null) {
      if (required) {
        throw BerthException.invalid(
            "secret '"
                + id
                + "' is required by this RUN but was not given; pass --secret id="
                + id
                + ",src=FILE (or env=VAR) to berth build");
      }
      return;
    }
    if (r.option("env").isPresent()) {
      env.add(r.option("env").get() + "=" + new String(value, StandardCharsets.UTF_8));
      if (r.option("target").isEmpty()) {
        return;
      }
    }
    String target = r.option("target").orElse("/run/secrets/" + id);
    Path dir =
        Files.createTempDirectory(
            store.newTempPath("secret").getParent(),
            "secret-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    cleanup.push(() -> AtomicFiles.deleteTree(dir));
    Path file = dir.resolve("value");
    Files.write(file, value);
    applyOwner(file, r, 0400);
    mounts.add(new MountSpec("bind", file.toString(), target, List.of("rbind", "ro")));
    targets.add(target);
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    while (!cleanup.isEmpty()) {
      try {
        cleanup.pop().close();
      } catch (Exception e) {
        if (first == null) {
          first = e instanceof IOException io ? io : new IOException(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
