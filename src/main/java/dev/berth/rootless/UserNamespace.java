package dev.berth.rootless;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Which user namespace this process runs in, as {@code /proc/self/uid_map} tells. */
public final class UserNamespace {

  private UserNamespace() {}

  /**
   * Whether {@code uidMap} (the text of a {@code uid_map} file) is the initial namespace's: one
   * line mapping all 4294967295 IDs onto themselves from 0.
   */
  public static boolean isInitial(String uidMap) {
    String[] lines = uidMap.strip().split("\n");
    if (lines.length != 1) {
      return false;
    }
    String[] f = lines[0].trim().split("\\s+");
    return f.length == 3 && f[0].equals("0") && f[1].equals("0") && f[2].equals("4294967295");
  }

  /** Whether this process runs in the host's own user namespace. */
  public static boolean selfIsInitial() throws IOException {
    return isInitial(Files.readString(Path.of("/proc/self/uid_map")));
  }

  /** The effective user ID of this process, in its own namespace. */
  public static long effectiveUid() throws IOException {
    // /proc/self belongs to the process's effective uid.
    return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
  }

  /** The effective group ID of this process, in its own namespace. */
  public static long effectiveGid() throws IOException {
    return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:gid")).longValue();
  }
}
