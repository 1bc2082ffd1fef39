package dev.berth.runtime;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A cgroup v1 {@code devices} group of one container, for crun: berth runs crun with {@code
 * --cgroup-manager=disabled} so that a container stays in berth's own cgroups (and under their
 * limits), which means crun applies no device rules. berth makes this group below its own devices
 * cgroup, writes the rules into it, and the runtime's {@code run}, {@code create} and {@code exec}
 * join it before they start the container's processes, which stay in it.
 *
 * <p>Only root in the host's user namespace may do this. Rootless (a user namespace, no writable
 * cgroup) no device cgroup can be set, and none is needed as much: the kernel refuses mknod there,
 * and the layer applier skips device nodes in layers, so a container finds only the nodes the
 * runtime binds in. A cgroup v2 host has no devices hierarchy (its device filter is an eBPF program
 * the runtime's cgroup manager attaches); there berth applies none with crun.
 */
final class DeviceCgroup {

  private static final Path V1_ROOT = Path.of("/sys/fs/cgroup/devices");

  private final Path dir;

  private DeviceCgroup(Path dir) {
    this.dir = dir;
  }

  /** The group of container {@code id}, when berth may make one on this host. */
  static Optional<DeviceCgroup> of(String id) throws IOException {
    Optional<Path> own = ownGroup();
    if (own.isEmpty() || !Files.isWritable(own.get().resolve("devices.allow"))) {
      return Optional.empty();
    }
    return Optional.of(
        new DeviceCgroup(own.get().resolve(id.startsWith("berth-") ? id : "berth-" + id)));
  }

  /** berth's own devices cgroup directory, from {@code /proc/self/cgroup}. */
  private static Optional<Path> ownGroup() throws IOException {
    Path self = Path.of("/proc/self/cgroup");
    if (!Files.isDirectory(V1_ROOT) || !Files.isReadable(self)) {
      return Optional.empty();
    }
    for (String line : Files.readAllLines(self)) {
      String[] f = line.split(":", 3);
      if (f.length == 3 && List.of(f[1].split(",")).contains("devices")) {
        Path own = V1_ROOT.resolve(f[2].replaceFirst("^/+", ""));
        return Files.isDirectory(own) ? Optional.of(own) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Makes the group (again, when it is left from before) with only {@code rules} allowed. */
  void create(List<DeviceRule> rules) throws IOException {
    remove();
    Files.createDirectory(dir);
    try {
      for (DeviceRule r : rules) {
        Files.writeString(dir.resolve(r.allow() ? "devices.allow" : "devices.deny"), r.v1Line());
      }
    } catch (IOException | RuntimeException e) {
      try {
        remove();
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  boolean exists() {
    return Files.isDirectory(dir);
  }

  /** The file a process writes its PID into to join the group. */
  Path procs() {
    return dir.resolve("cgroup.procs");
  }

  /**
   * Removes the group once its processes are gone; a process just ended may still be counted for a
   * moment, so this tries again briefly.
   */
  void remove() throws IOException {
    for (int attempt = 0; ; attempt++) {
      try {
        Files.deleteIfExists(dir);
        return;
      } catch (DirectoryNotEmptyException e) {
        throw e;
      } catch (FileSystemException e) {
        if (attempt >= 50) {
          throw e;
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  @Override
  public String toString() {
    return dir.toString();
  }
}
