package dev.berth.devcontainer;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code updateRemoteUserUID} does to an image: the new /etc/passwd and /etc/group, and the
 * paths to give to the user, for a thin image on top of the dev container's.
 *
 * @param user the user to run the container's processes as: the remote user, or the name a numeric
 *     remote user has in /etc/passwd when berth mapped that entry
 * @param change empty when nothing changes
 * @param warnings every reason the mapping was not made, or not made in full
 */
public record UidMapPlan(String user, Optional<Change> change, List<UidMapWarning> warnings) {

  /**
   * The rewrite.
   *
   * @param chown paths to {@code chown -R uid:gid}: the user's home folder, then {@code
   *     customizations.berth.chownPaths}
   */
  public record Change(
      String passwd, String group, int oldUid, int oldGid, int uid, int gid, List<String> chown) {
    public Change {
      Objects.requireNonNull(passwd, "passwd");
      Objects.requireNonNull(group, "group");
      chown = List.copyOf(chown);
    }
  }

  public UidMapPlan {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(change, "change");
    warnings = List.copyOf(warnings);
  }
}
