package dev.berth.rootless;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ordinary user berth runs as, seen from the host: name, IDs, subordinate ranges and where
 * per-session state may go ({@code $XDG_RUNTIME_DIR}, else a private directory under /tmp).
 */
public record HostUser(
    String name,
    long uid,
    long gid,
    List<SubordinateIds.Range> subuids,
    List<SubordinateIds.Range> subgids,
    Optional<Path> runtimeDir) {

  static final Path SUBUID = Path.of("/etc/subuid");
  static final Path SUBGID = Path.of("/etc/subgid");

  public HostUser {
    subuids = List.copyOf(subuids);
    subgids = List.copyOf(subgids);
  }

  /** This process's user, with the ranges the host's files give it. */
  public static HostUser current(Map<String, String> env) throws IOException {
    String name = System.getProperty("user.name");
    long uid = UserNamespace.effectiveUid();
    long gid = UserNamespace.effectiveGid();
    String xdg = env.get("XDG_RUNTIME_DIR");
    Optional<Path> runtime =
        xdg != null && xdg.startsWith("/") && Files.isDirectory(Path.of(xdg))
            ? Optional.of(Path.of(xdg))
            : Optional.empty();
    return new HostUser(
        name,
        uid,
        gid,
        SubordinateIds.of(readIfThere(SUBUID), name, uid),
        // newgidmap looks /etc/subgid up by the user's name or uid, not by a group.
        SubordinateIds.of(readIfThere(SUBGID), name, uid),
        runtime);
  }

  private static String readIfThere(Path p) throws IOException {
    return Files.isReadable(p) ? Files.readString(p) : "";
  }

  /**
   * The directory berth keeps this user's namespace state in: {@code $XDG_RUNTIME_DIR/berth}, else
   * {@code /tmp/berth-UID}, made private to the user and refused when someone else owns it.
   */
  public Path stateDir() throws IOException {
    Path dir = runtimeDir.map(d -> d.resolve("berth")).orElse(Path.of("/tmp", "berth-" + uid));
    Files.createDirectories(dir);
    long owner = ((Number) Files.getAttribute(dir, "unix:uid")).longValue();
    if (owner != uid) {
      throw new IOException(dir + " belongs to uid " + owner + ", not to " + name);
    }
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    return dir;
  }
}
