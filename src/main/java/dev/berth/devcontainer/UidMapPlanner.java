package dev.berth.devcontainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Plans {@code updateRemoteUserUID} as the reference CLI's {@code updateUID.Dockerfile} does it:
 * the remote user's UID and GID in /etc/passwd become the host user's, the group with the old GID
 * gets the new one, and the home folder is chowned; nothing changes when another user has the UID,
 * and only the UID changes when another group has the GID.
 *
 * <p>Unlike the reference CLI, berth warns in every case it does not map; matches user names
 * exactly (its {@code sed} also rewrites {@code myapp} for the user {@code app}); maps a numeric
 * user that /etc/passwd names (the seed's {@code USER ${UID}}) instead of skipping it; never chowns
 * {@code /}; and chowns {@code customizations.berth.chownPaths} too.
 */
public final class UidMapPlanner {

  /**
   * What the plan needs.
   *
   * @param passwd the image's /etc/passwd
   * @param group the image's /etc/group
   * @param remoteUser a name or a UID, optionally with {@code :group}
   * @param hostUid the UID of the process running berth (never {@code $UID}, which bash does not
   *     export)
   * @param chownPaths {@code customizations.berth.chownPaths}
   */
  public record Request(
      String passwd,
      String group,
      String remoteUser,
      int hostUid,
      int hostGid,
      boolean updateRemoteUserUID,
      List<String> chownPaths) {
    public Request {
      Objects.requireNonNull(passwd, "passwd");
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(remoteUser, "remoteUser");
      chownPaths = List.copyOf(chownPaths);
    }
  }

  private UidMapPlanner() {}

  public static UidMapPlan plan(Request r) {
    String userPart = r.remoteUser().split(":", 2)[0];
    List<EtcEntry> users = EtcEntry.parse(r.passwd(), 7);
    List<EtcEntry> groups = EtcEntry.parse(r.group(), 4);
    boolean numeric = !userPart.isEmpty() && userPart.chars().allMatch(Character::isDigit);
    Optional<EtcEntry> user =
        numeric
            ? users.stream().filter(u -> u.id().equals(Optional.of(parseId(userPart)))).findFirst()
            : users.stream().filter(u -> u.name().equals(userPart)).findFirst();
    List<UidMapWarning> warnings = new ArrayList<>();
    String runAs = user.filter(u -> numeric).map(EtcEntry::name).orElse(r.remoteUser());
    if (!r.updateRemoteUserUID()) {
      warnings.add(
          warn(
              UidMapWarning.Kind.DISABLED,
              "updateRemoteUserUID is false, so the remote user "
                  + describe(r.remoteUser(), user)
                  + " keeps its UID; files it creates in the workspace belong to that UID on the"
                  + " host"));
      return new UidMapPlan(r.remoteUser(), Optional.empty(), warnings);
    }
    if (userPart.equals("root")
        || (user.isPresent() && user.get().id().equals(Optional.of(0)))
        || (numeric && parseId(userPart) == 0)) {
      warnings.add(
          warn(
              UidMapWarning.Kind.ROOT_USER,
              "the remote user is root, whose UID is not mapped; files it creates in the workspace"
                  + " belong to root on the host (set remoteUser to a non-root user)"));
      return new UidMapPlan(r.remoteUser(), Optional.empty(), warnings);
    }
    if (numeric) {
      if (user.isEmpty()) {
        warnings.add(
            warn(
                UidMapWarning.Kind.NUMERIC_USER,
                "the remote user is the UID "
                    + userPart
                    + ", which the image's /etc/passwd does not name, so it cannot be mapped; files"
                    + " it creates in the workspace belong to UID "
                    + userPart
                    + " on the host (name the user in remoteUser)"));
        return new UidMapPlan(r.remoteUser(), Optional.empty(), warnings);
      }
      warnings.add(
          warn(
              UidMapWarning.Kind.NUMERIC_USER,
              "the remote user is given as the UID "
                  + userPart
                  + "; berth maps the user '"
                  + user.get().name()
                  + "' that /etc/passwd gives it and runs as that name (the reference CLI maps"
                  + " no numeric user)"));
    }
    if (user.isEmpty()) {
      warnings.add(
          warn(
              UidMapWarning.Kind.UNKNOWN_USER,
              "the remote user '"
                  + userPart
                  + "' is not in the image's /etc/passwd, so its UID cannot be mapped"));
      return new UidMapPlan(r.remoteUser(), Optional.empty(), warnings);
    }
    EtcEntry u = user.get();
    int oldUid = u.id().orElseThrow();
    Optional<Integer> oldGidField = u.intField(3);
    if (oldGidField.isEmpty()) {
      warnings.add(
          warn(
              UidMapWarning.Kind.UNKNOWN_USER,
              "the /etc/passwd line of '"
                  + u.name()
                  + "' has no numeric GID, so it is not mapped"));
      return new UidMapPlan(runAs, Optional.empty(), warnings);
    }
    int oldGid = oldGidField.get();
    if (r.hostUid() == 0) {
      warnings.add(
          warn(
              UidMapWarning.Kind.HOST_ROOT,
              "berth runs as root, so there is no host user to map '"
                  + u.name()
                  + "' to; it keeps UID "
                  + oldUid));
      return new UidMapPlan(runAs, Optional.empty(), warnings);
    }
    if (oldUid == r.hostUid() && oldGid == r.hostGid()) {
      return new UidMapPlan(runAs, Optional.empty(), warnings);
    }
    if (oldUid != r.hostUid()) {
      Optional<EtcEntry> taken =
          users.stream().filter(x -> x.id().equals(Optional.of(r.hostUid()))).findFirst();
      if (taken.isPresent()) {
        warnings.add(
            warn(
                UidMapWarning.Kind.UID_TAKEN,
                "the host UID "
                    + r.hostUid()
                    + " belongs to the user '"
                    + taken.get().name()
                    + "' in the image, so '"
                    + u.name()
                    + "' keeps UID "
                    + oldUid
                    + "; files it creates in the workspace belong to UID "
                    + oldUid
                    + " on the host"));
        return new UidMapPlan(runAs, Optional.empty(), warnings);
      }
    }
    int newGid = r.hostGid();
    if (oldGid != newGid) {
      Optional<EtcEntry> taken =
          groups.stream().filter(g -> g.id().equals(Optional.of(r.hostGid()))).findFirst();
      if (taken.isPresent()) {
        warnings.add(
            warn(
                UidMapWarning.Kind.GID_TAKEN,
                "the host GID "
                    + newGid
                    + " belongs to the group '"
                    + taken.get().name()
                    + "' in the image, so only the UID of '"
                    + u.name()
                    + "' is changed; it keeps GID "
                    + oldGid));
        newGid = oldGid;
      }
    }
    final int gid = newGid;
    String passwd =
        EtcEntry.rewrite(
            r.passwd(), 7, e -> e.same(u), e -> e.withInt(2, r.hostUid()).withInt(3, gid));
    String group =
        oldGid == newGid
            ? r.group()
            : EtcEntry.rewrite(
                r.group(), 4, e -> e.id().equals(Optional.of(oldGid)), e -> e.withInt(2, gid));
    List<String> chown = new ArrayList<>();
    String home = u.field(5);
    if (home.isEmpty() || home.equals("/")) {
      warnings.add(
          warn(
              UidMapWarning.Kind.HOME_NOT_CHOWNED,
              "the home folder of '" + u.name() + "' is '" + home + "', which is not chowned"));
    } else {
      chown.add(home);
    }
    for (String p : r.chownPaths()) {
      if (!chown.contains(p)) {
        chown.add(p);
      }
    }
    return new UidMapPlan(
        runAs,
        Optional.of(new UidMapPlan.Change(passwd, group, oldUid, oldGid, r.hostUid(), gid, chown)),
        warnings);
  }

  private static int parseId(String digits) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String describe(String remoteUser, Optional<EtcEntry> user) {
    return "'"
        + remoteUser
        + "'"
        + user.flatMap(EtcEntry::id).map(id -> " (UID " + id + ")").orElse("");
  }

  private static UidMapWarning warn(UidMapWarning.Kind kind, String message) {
    return new UidMapWarning(kind, message);
  }
}
