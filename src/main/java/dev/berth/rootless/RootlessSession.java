package dev.berth.rootless;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * berth running inside the user namespace it entered for an ordinary user: the host user's IDs
 * (container root is that user) and, when the command runs in the per-user holder, the holder's
 * directory (its RootlessKit API socket publishes ports on the host). Passed from the launching
 * process to the one inside through the environment.
 */
public record RootlessSession(long hostUid, long hostGid, Optional<Path> holder) {

  /** {@code uid:gid} of the host user; set only for berth inside its namespace. */
  public static final String ENV = "BERTH_ROOTLESS";

  /** The holder's directory, when the command runs in it. */
  public static final String HOLDER_ENV = "BERTH_ROOTLESS_HOLDER";

  /**
   * The session {@code env} describes, when this process really runs in a user namespace of its own
   * (an inherited variable in a host process means nothing).
   */
  public static Optional<RootlessSession> fromEnvironment(Map<String, String> env)
      throws IOException {
    String ids = env.get(ENV);
    if (ids == null || ids.isBlank() || UserNamespace.selfIsInitial()) {
      return Optional.empty();
    }
    String[] f = ids.split(":");
    if (f.length != 2) {
      return Optional.empty();
    }
    try {
      String holder = env.get(HOLDER_ENV);
      return Optional.of(
          new RootlessSession(
              Long.parseLong(f[0]),
              Long.parseLong(f[1]),
              holder == null || holder.isBlank()
                  ? Optional.empty()
                  : Optional.of(Path.of(holder))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The variables that carry this session to another berth process in the same namespace. */
  public Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put(ENV, hostUid + ":" + hostGid);
    holder.ifPresent(h -> env.put(HOLDER_ENV, h.toString()));
    return Map.copyOf(env);
  }

  /** The RootlessKit API socket of the holder, through which host ports are published. */
  public Optional<Path> portApi() {
    return holder.map(h -> Holder.at(h).apiSocket());
  }
}
