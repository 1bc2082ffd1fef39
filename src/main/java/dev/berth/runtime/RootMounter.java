package dev.berth.runtime;

import dev.berth.layer.RootPath;
import dev.berth.mount.Ledger;
import dev.berth.mount.MountSpec;
import dev.berth.mount.Mounter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Mounts a {@link RootFs.Mounts} at a bundle's root directory in the host's mount namespace, and
 * takes every mount down again. The root mount goes first and the others below it, shortest target
 * first, so a nested mount never hides a later one.
 */
final class RootMounter implements AutoCloseable {

  private final List<Path> mounted = new ArrayList<>();
  private final Ledger.Recorder recorder;

  private RootMounter(Ledger.Recorder recorder) {
    this.recorder = recorder;
  }

  /**
   * Mounts {@code root} at {@code target}, telling {@code recorder} before each mount; on failure
   * what was mounted is unmounted again.
   */
  static RootMounter mount(RootFs.Mounts root, Path target, Ledger.Recorder recorder)
      throws IOException {
    RootMounter m = new RootMounter(recorder);
    List<MountSpec> ordered = new ArrayList<>(root.mounts());
    ordered.sort(
        Comparator.comparingInt((MountSpec s) -> s.target().equals("/") ? 0 : 1)
            .thenComparingInt(s -> s.target().length()));
    try {
      for (MountSpec spec : ordered) {
        Path at =
            spec.target().equals("/") ? target : RootPath.of(target).path(spec.target(), true);
        m.mountOne(spec, at);
      }
    } catch (IOException | RuntimeException e) {
      m.close();
      throw e;
    }
    return m;
  }

  private void mountOne(MountSpec spec, Path at) throws IOException {
    Files.createDirectories(at);
    recorder.record(new Ledger.Undo.Unmount(at.toAbsolutePath().normalize()));
    Mounter.mount(spec, at);
    mounted.add(at);
  }

  /** Unmounts in reverse order; a busy mount is detached lazily so nothing stays behind. */
  @Override
  public void close() throws IOException {
    IOException failure = null;
    for (int i = mounted.size() - 1; i >= 0; i--) {
      Path at = mounted.get(i);
      Commands.Result r = Commands.run(List.of("umount", at.toString()));
      if (r.code() != 0) {
        Commands.Result lazy = Commands.run(List.of("umount", "-l", at.toString()));
        if (lazy.code() != 0 && failure == null) {
          failure = new IOException("cannot unmount " + at + ": " + lazy.output());
        }
      }
    }
    mounted.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
