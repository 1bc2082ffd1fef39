package dev.berth.solver;

import dev.berth.diag.BerthException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Resolves {@code --chown} and USER values ({@code user}, {@code user:group}, numbers) against the
 * {@code /etc/passwd} and {@code /etc/group} of the image being built, as docker does.
 */
final class Owners {

  /** A numeric owner. */
  record Owner(long uid, long gid) {
    static final Owner ROOT = new Owner(0, 0);
  }

  private Owners() {}

  /**
   * @param spec {@code user[:group]}; a user without a group takes the user's primary group, or for
   *     a number with no passwd entry, the same number (as COPY --chown=10 gives 10:10)
   */
  static Owner resolve(Path root, String spec) throws IOException {
    if (spec.isEmpty()) {
      return Owner.ROOT;
    }
    int colon = spec.indexOf(':');
    String user = colon < 0 ? spec : spec.substring(0, colon);
    Optional<String> group = colon < 0 ? Optional.empty() : Optional.of(spec.substring(colon + 1));
    List<String[]> passwd = read(root, "etc/passwd");
    long uid;
    long primaryGid;
    Optional<String[]> entry = find(passwd, user);
    if (entry.isPresent()) {
      uid = Long.parseLong(entry.get()[2]);
      primaryGid = Long.parseLong(entry.get()[3]);
    } else if (isNumber(user)) {
      uid = Long.parseLong(user);
      primaryGid = uid;
    } else {
      throw BerthException.invalid(
          "unknown user '" + user + "': it is not in the image's /etc/passwd");
    }
    if (group.isEmpty()) {
      return new Owner(uid, primaryGid);
    }
    Optional<String[]> g = find(read(root, "etc/group"), group.get());
    if (g.isPresent()) {
      return new Owner(uid, Long.parseLong(g.get()[2]));
    }
    if (isNumber(group.get())) {
      return new Owner(uid, Long.parseLong(group.get()));
    }
    throw BerthException.invalid(
        "unknown group '" + group.get() + "': it is not in the image's /etc/group");
  }

  private static Optional<String[]> find(List<String[]> entries, String name) {
    for (String[] e : entries) {
      if (e[0].equals(name)) {
        return Optional.of(e);
      }
    }
    if (isNumber(name)) {
      for (String[] e : entries) {
        if (e[2].equals(name)) {
          return Optional.of(e);
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isNumber(String s) {
    return !s.isEmpty() && s.length() < 11 && s.chars().allMatch(Character::isDigit);
  }

  private static List<String[]> read(Path root, String file) throws IOException {
    // The image's own file, read without following links out of it: a plain file or nothing.
    Path p = root.resolve(file);
    if (!Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    return Files.readAllLines(p, StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .map(l -> l.split(":", -1))
        .filter(f -> f.length >= 4 && isNumber(f[2]))
        .toList();
  }
}
