package dev.berth.container;

import dev.berth.runtime.IdMapping;
import java.util.ArrayList;
import java.util.List;

/**
 * podman's {@code --userns=keep-id} for rootless berth: the container gets a user namespace of its
 * own in which the host user's IDs appear unchanged, and the image's user takes them (its old IDs
 * and the host user's swap places), so files it makes in a bind-mounted workspace belong to the
 * host user and its home stays its own. The container's root is a copy of the image's with owners
 * shifted to match ({@link MappedRoots}).
 *
 * <p>berth runs in a namespace where ID 0 is the host user and 1 to {@value #SIZE} the user's
 * subordinate range. Inside the container, the host user's {@code uid} maps to berth's 0, IDs below
 * it to 1 and up, IDs above it to themselves: podman's layout.
 *
 * @param uid the host user's UID, as the container sees it
 * @param gid the host user's primary GID, as the container sees it
 * @param user the image user to give those IDs (the container's {@code --user}, else the image's
 *     {@code USER}); empty or root: the process runs as {@code uid:gid} instead
 */
public record KeepId(long uid, long gid, String user) {

  /** How many IDs the container's namespace holds: 0 to 65535, as a subordinate range gives. */
  public static final long SIZE = 65536;

  public KeepId {
    if (uid <= 0 || uid >= SIZE || gid <= 0 || gid >= SIZE) {
      throw new IllegalArgumentException(
          "--userns=keep-id needs the host user's IDs between 1 and 65535, not " + uid + ":" + gid);
    }
    user = user == null ? "" : user;
  }

  /** Whether an image user takes the host user's IDs (else the process runs as them). */
  public boolean renamesImageUser() {
    return !user.isEmpty() && !user.equals("root") && !user.equals("0") && !user.startsWith("0:");
  }

  /** The container's UID map: 0..uid-1 to 1..uid, uid to 0, the rest to themselves. */
  public List<IdMapping> uidMappings() {
    return mappings(uid);
  }

  /** The container's GID map, laid out as the UID map. */
  public List<IdMapping> gidMappings() {
    return mappings(gid);
  }

  private static List<IdMapping> mappings(long id) {
    List<IdMapping> out = new ArrayList<>();
    out.add(new IdMapping(0, 1, id));
    out.add(new IdMapping(id, 0, 1));
    if (id + 1 < SIZE) {
      out.add(new IdMapping(id + 1, id + 1, SIZE - id - 1));
    }
    return List.copyOf(out);
  }

  /** The ID berth's namespace stores for container UID {@code id}. */
  public long storedUid(long id) {
    return stored(id, uid);
  }

  /** The ID berth's namespace stores for container GID {@code id}. */
  public long storedGid(long id) {
    return stored(id, gid);
  }

  private static long stored(long id, long host) {
    if (id == host) {
      return 0;
    }
    return id < host ? id + 1 : id;
  }

  /** The image's {@code from} and the host's {@code to} swap places; others stay. */
  static long swap(long id, long from, long to) {
    if (id == from) {
      return to;
    }
    return id == to ? from : id;
  }
}
