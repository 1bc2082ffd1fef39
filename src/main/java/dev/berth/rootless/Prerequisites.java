package dev.berth.rootless;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.runtime.Executables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What running as an ordinary user needs from the host, checked before any work starts, so a
 * missing part is one line naming it and its fix instead of a failure half-way through.
 */
public final class Prerequisites {

  /** One missing part: what it is and how to get it. */
  public record Missing(String what, String fix) {
    @Override
    public String toString() {
      return what + " (" + fix + ")";
    }
  }

  /** Whether the check covers only the user namespace, or the per-user network namespace too. */
  public enum Scope {
    /** A namespace for one command: builds, pulls, saves. */
    NAMESPACE,
    /** The holder that containers live in: also slirp4netns, RootlessKit and a tun device. */
    HOLDER
  }

  private static final Path TUN = Path.of("/dev/net/tun");

  private Prerequisites() {}

  /** Everything {@code scope} needs that this host lacks for {@code user}, in a stable order. */
  public static List<Missing> check(HostUser user, Scope scope) {
    List<Missing> out = new ArrayList<>();
    if (user.subuids().isEmpty()) {
      out.add(
          new Missing(
              "no subordinate UID range for " + user.name() + " in /etc/subuid",
              "add a line such as '"
                  + user.name()
                  + ":100000:65536' to /etc/subuid, or run"
                  + " 'usermod --add-subuids 100000-165535 "
                  + user.name()
                  + "' as root"));
    }
    if (user.subgids().isEmpty()) {
      out.add(
          new Missing(
              "no subordinate GID range for " + user.name() + " in /etc/subgid",
              "add a line such as '"
                  + user.name()
                  + ":100000:65536' to /etc/subgid, or run"
                  + " 'usermod --add-subgids 100000-165535 "
                  + user.name()
                  + "' as root"));
    }
    for (String tool : List.of("newuidmap", "newgidmap")) {
      Optional<Path> p = Executables.find(tool);
      if (p.isEmpty()) {
        out.add(new Missing(tool + " is not installed", "apt-get install uidmap"));
      } else if (!setuidRoot(p.get())) {
        out.add(
            new Missing(
                p.get() + " is not setuid root",
                "reinstall it with 'apt-get install --reinstall uidmap', or 'chmod u+s "
                    + p.get()
                    + "' as root"));
      }
    }
    need(out, "unshare", "apt-get install util-linux");
    need(out, "setpriv", "apt-get install util-linux");
    if (scope == Scope.HOLDER) {
      need(out, "rootlesskit", "apt-get install rootlesskit");
      need(out, "rootlessctl", "apt-get install rootlesskit");
      need(out, "slirp4netns", "apt-get install slirp4netns");
      need(out, "nsenter", "apt-get install util-linux");
      need(out, "setsid", "apt-get install util-linux");
      if (!Files.isReadable(TUN) || !Files.isWritable(TUN)) {
        out.add(
            new Missing(
                TUN
                    + " cannot be opened by "
                    + user.name()
                    + ", so slirp4netns cannot give"
                    + " containers a network",
                "as root: chmod 0666 /dev/net/tun (Debian's default mode)"));
      }
    }
    return List.copyOf(out);
  }

  /** Throws the first missing part as one error, for a command about to start its work. */
  public static void require(HostUser user, Scope scope) throws BerthException {
    List<Missing> missing = check(user, scope);
    if (!missing.isEmpty()) {
      Missing m = missing.get(0);
      throw new BerthException(
          ErrorKind.FAILED_PRECONDITION,
          "rootless-prerequisite",
          "cannot run rootless as " + user.name() + ": " + m.what() + "; fix: " + m.fix());
    }
  }

  private static void need(List<Missing> out, String tool, String fix) {
    if (Executables.find(tool).isEmpty()) {
      out.add(new Missing(tool + " is not installed", fix));
    }
  }

  // Debian's uidmap ships both setuid root. Distributions that grant file capabilities instead
  // would need to be told apart with libcap; berth targets Debian's packaging and checks the bit.
  private static boolean setuidRoot(Path p) {
    try {
      int mode = ((Number) Files.getAttribute(p, "unix:mode")).intValue();
      long owner = ((Number) Files.getAttribute(p, "unix:uid")).longValue();
      return owner == 0 && (mode & 04000) != 0;
    } catch (IOException | UnsupportedOperationException e) {
      // Unreadable, or no unix attributes: not known to be setuid, so reported as missing.
      return false;
    }
  }
}
