package dev.berth.runtime;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.layer.RootPath;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a {@link UserSpec} with the root's {@code /etc/passwd} and {@code /etc/group}, the way
 * docker does: a name must exist, a number need not (its group is then 0); with no group given the
 * user's supplementary groups come from the group file.
 */
public final class Users {

  private static final long MAX_ID = 0xFFFF_FFFEL;

  record PasswdEntry(String name, long uid, long gid, String home) {}

  record GroupEntry(String name, long gid, List<String> members) {}

  private Users() {}

  /** A file owner, as {@code COPY --chown} and WORKDIR give it. */
  public record Owner(long uid, long gid) {
    public static final Owner ROOT = new Owner(0, 0);
  }

  /**
   * The owner {@code --chown=spec} names ({@code user[:group]}, names or numbers): a user without a
   * group takes the user's primary group, or, for a number with no passwd entry, the same number
   * (as {@code COPY --chown=10} gives 10:10); a name must exist.
   */
  public static Owner owner(Path root, String spec) throws IOException {
    if (spec.isEmpty()) {
      return Owner.ROOT;
    }
    UserSpec u = UserSpec.parse(spec);
    Optional<Long> uidNumber = number(u.user());
    Optional<PasswdEntry> entry =
        parsePasswd(read(root, "etc/passwd")).stream()
            .filter(p -> p.name().equals(u.user()))
            .findFirst()
            .or(
                () ->
                    uidNumber.flatMap(
                        n -> {
                          try {
                            return parsePasswd(read(root, "etc/passwd")).stream()
                                .filter(p -> p.uid() == n)
                                .findFirst();
                          } catch (IOException e) {
                            return Optional.empty();
                          }
                        }));
    long uid;
    long primaryGid;
    if (entry.isPresent()) {
      uid = entry.get().uid();
      primaryGid = entry.get().gid();
    } else if (uidNumber.isPresent()) {
      uid = uidNumber.get();
      primaryGid = uid;
    } else {
      throw new BerthException(
          ErrorKind.INVALID_INPUT,
          "unknown-user",
          "unknown user '" + u.user() + "': it is not in the image's /etc/passwd");
    }
    if (u.group().isEmpty()) {
      return new Owner(uid, primaryGid);
    }
    String g = u.group().get();
    List<GroupEntry> groups = parseGroup(read(root, "etc/group"));
    Optional<GroupEntry> byName = groups.stream().filter(e -> e.name().equals(g)).findFirst();
    if (byName.isPresent()) {
      return new Owner(uid, byName.get().gid());
    }
    Optional<Long> gidNumber = number(g);
    if (gidNumber.isPresent()) {
      return new Owner(uid, gidNumber.get());
    }
    throw new BerthException(
        ErrorKind.INVALID_INPUT,
        "unknown-group",
        "unknown group '" + g + "': it is not in the image's /etc/group");
  }

  /** The user a process runs as, looked up in the root's own passwd and group files. */
  public static ResolvedUser resolve(Path root, UserSpec spec) throws IOException {
    List<PasswdEntry> passwd = parsePasswd(read(root, "etc/passwd"));
    Optional<Long> uidNumber = number(spec.user());
    Optional<PasswdEntry> entry =
        passwd.stream()
            .filter(p -> uidNumber.map(n -> p.uid() == n).orElse(p.name().equals(spec.user())))
            .findFirst();
    if (entry.isEmpty() && uidNumber.isEmpty()) {
      throw new BerthException(
          ErrorKind.NOT_FOUND,
          "unknown-user",
          "unable to find user " + spec.user() + ": no matching entries in passwd file");
    }
    long uid = uidNumber.orElseGet(() -> entry.get().uid());
    long gid = entry.map(PasswdEntry::gid).orElse(0L);
    String home = entry.map(PasswdEntry::home).filter(h -> !h.isEmpty()).orElse("/");
    List<Long> additional = new ArrayList<>();
    if (spec.group().isPresent()) {
      String g = spec.group().get();
      Optional<Long> gidNumber = number(g);
      if (gidNumber.isPresent()) {
        gid = gidNumber.get();
      } else {
        gid =
            parseGroup(read(root, "etc/group")).stream()
                .filter(e -> e.name().equals(g))
                .findFirst()
                .orElseThrow(
                    () ->
                        new BerthException(
                            ErrorKind.NOT_FOUND,
                            "unknown-user",
                            "unable to find group " + g + ": no matching entries in group file"))
                .gid();
      }
    } else if (entry.isPresent()) {
      String name = entry.get().name();
      for (GroupEntry e : parseGroup(read(root, "etc/group"))) {
        if (e.gid() != gid && e.members().contains(name) && !additional.contains(e.gid())) {
          additional.add(e.gid());
        }
      }
    }
    // BuildKit (after containerd) puts the primary group among the supplementary ones too.
    if (!additional.contains(gid)) {
      additional.add(0, gid);
    }
    return new ResolvedUser(uid, gid, additional, home);
  }

  static List<PasswdEntry> parsePasswd(String text) {
    List<PasswdEntry> entries = new ArrayList<>();
    for (String[] f : records(text)) {
      Optional<Long> uid = number(field(f, 2));
      Optional<Long> gid = number(field(f, 3));
      if (uid.isPresent() && gid.isPresent()) {
        entries.add(new PasswdEntry(f[0], uid.get(), gid.get(), field(f, 5)));
      }
    }
    return entries;
  }

  static List<GroupEntry> parseGroup(String text) {
    List<GroupEntry> entries = new ArrayList<>();
    for (String[] f : records(text)) {
      Optional<Long> gid = number(field(f, 2));
      if (gid.isPresent()) {
        List<String> members = new ArrayList<>();
        for (String m : field(f, 3).split(",")) {
          if (!m.isBlank()) {
            members.add(m.trim());
          }
        }
        entries.add(new GroupEntry(f[0], gid.get(), members));
      }
    }
    return entries;
  }

  /** Non-comment lines split on {@code :}; a malformed line is skipped, as libc skips it. */
  private static List<String[]> records(String text) {
    List<String[]> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        String[] f = l.split(":", -1);
        if (!f[0].isEmpty()) {
          out.add(f);
        }
      }
    }
    return out;
  }

  private static String field(String[] f, int i) {
    return i < f.length ? f[i] : "";
  }

  static Optional<Long> number(String s) {
    if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    long n = Long.parseLong(s);
    return n <= MAX_ID ? Optional.of(n) : Optional.empty();
  }

  /**
   * Reads a file of the root as a chroot would see it: symlinks on its path (an {@code etc} that
   * links elsewhere, say) are followed inside the root, so a planted link cannot make berth read a
   * host file; a missing file, or one that is not a regular file, reads as empty.
   */
  private static String read(Path root, String relative) throws IOException {
    Path p = RootPath.of(root).path(relative, true);
    if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      return "";
    }
    try (SeekableByteChannel ch =
        Files.newByteChannel(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      ByteBuffer buf = ByteBuffer.allocate((int) Math.min(ch.size(), 16 << 20));
      while (buf.hasRemaining() && ch.read(buf) > 0) {}
      return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return "";
    }
  }
}
