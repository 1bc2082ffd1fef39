package dev.berth.devcontainer;

import java.util.Locale;
import java.util.Objects;

/**
 * Why the remote user's UID was not (or not fully) mapped to the host user's: shown on stderr and
 * put in {@code dev up}'s result JSON, since files made in the workspace then belong to someone
 * else on the host.
 */
public record UidMapWarning(Kind kind, String message) {

  /** The cases. */
  public enum Kind {
    /** {@code updateRemoteUserUID} is false. */
    DISABLED,
    /** The remote user is root. */
    ROOT_USER,
    /** The remote user is a number, such as {@code USER 1000} in a Dockerfile. */
    NUMERIC_USER,
    /** The remote user is not in the image's /etc/passwd. */
    UNKNOWN_USER,
    /** Another user of the image has the host user's UID, so nothing was changed. */
    UID_TAKEN,
    /** A group of the image has the host user's GID, so only the UID was changed. */
    GID_TAKEN,
    /** berth itself runs as root, and there is no unprivileged UID to map to. */
    HOST_ROOT,
    /** The home folder is {@code /} (or none), which is not chowned. */
    HOME_NOT_CHOWNED;

    /** A stable name for scripts: {@code uid-taken}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public UidMapWarning {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }
}
