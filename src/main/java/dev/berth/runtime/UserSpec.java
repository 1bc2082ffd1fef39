package dev.berth.runtime;

import java.util.Objects;
import java.util.Optional;

/**
 * A user as docker's {@code USER} names it: {@code name}, {@code uid}, {@code name:group} or {@code
 * uid:gid}, where either part may be a name or a number. It is resolved against the container's own
 * {@code /etc/passwd} and {@code /etc/group}, never the host's.
 */
public record UserSpec(String user, Optional<String> group) {

  public static final UserSpec ROOT = new UserSpec("0", Optional.empty());

  public UserSpec {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(group, "group");
    if (user.isEmpty() || user.contains(":")) {
      throw new IllegalArgumentException("bad user: '" + user + "'");
    }
    if (group.isPresent() && (group.get().isEmpty() || group.get().contains(":"))) {
      throw new IllegalArgumentException("bad group: '" + group.get() + "'");
    }
  }

  /** Parses {@code user} or {@code user:group}; an empty string means root, as in docker. */
  public static UserSpec parse(String text) {
    if (text.isEmpty()) {
      return ROOT;
    }
    int colon = text.indexOf(':');
    if (colon < 0) {
      return new UserSpec(text, Optional.empty());
    }
    return new UserSpec(text.substring(0, colon), Optional.of(text.substring(colon + 1)));
  }

  @Override
  public String toString() {
    return group.map(g -> user + ":" + g).orElse(user);
  }
}
