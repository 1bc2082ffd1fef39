package dev.berth.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Where the store lives: {@code $BERTH_ROOT}, else the system or the user's data directory. */
public final class StoreRoot {

  static final Path SYSTEM_ROOT = Path.of("/var/lib/berth");

  private StoreRoot() {}

  /**
   * The root for the given environment and user: {@code $BERTH_ROOT} if set, {@code /var/lib/berth}
   * for uid 0, else {@code $XDG_DATA_HOME/berth}, else {@code $HOME/.local/share/berth}. Pure, so
   * it can be tested with any environment.
   *
   * @throws IllegalArgumentException when none of the variables it needs is set
   */
  public static Path resolve(Map<String, String> env, long uid) {
    String explicit = env.get("BERTH_ROOT");
    if (explicit != null && !explicit.isEmpty()) {
      return Path.of(explicit);
    }
    if (uid == 0) {
      return SYSTEM_ROOT;
    }
    // The XDG spec says relative values are invalid and must be ignored.
    String xdg = env.get("XDG_DATA_HOME");
    if (xdg != null && xdg.startsWith("/")) {
      return Path.of(xdg, "berth");
    }
    String home = env.get("HOME");
    if (home != null && !home.isEmpty()) {
      return Path.of(home, ".local", "share", "berth");
    }
    throw new IllegalArgumentException(
        "cannot place the berth store: set BERTH_ROOT, XDG_DATA_HOME or HOME");
  }

  /** The root for this process's environment and effective user. */
  public static Path current() throws IOException {
    // /proc/self belongs to the process's effective uid.
    Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    return resolve(System.getenv(), ((Number) uid).longValue());
  }
}
