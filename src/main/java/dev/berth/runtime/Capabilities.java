package dev.berth.runtime;

import dev.berth.diag.BerthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Linux capability names and docker's rules for the set a container gets: its default set, {@code
 * --cap-add} and {@code --cap-drop} (names with or without {@code CAP_}, any case, or {@code ALL}),
 * and {@code --privileged}.
 */
public final class Capabilities {

  /** Every capability by its number in the kernel (CAP_CHOWN is 0). */
  static final List<String> KNOWN =
      List.of(
          "CAP_CHOWN",
          "CAP_DAC_OVERRIDE",
          "CAP_DAC_READ_SEARCH",
          "CAP_FOWNER",
          "CAP_FSETID",
          "CAP_KILL",
          "CAP_SETGID",
          "CAP_SETUID",
          "CAP_SETPCAP",
          "CAP_LINUX_IMMUTABLE",
          "CAP_NET_BIND_SERVICE",
          "CAP_NET_BROADCAST",
          "CAP_NET_ADMIN",
          "CAP_NET_RAW",
          "CAP_IPC_LOCK",
          "CAP_IPC_OWNER",
          "CAP_SYS_MODULE",
          "CAP_SYS_RAWIO",
          "CAP_SYS_CHROOT",
          "CAP_SYS_PTRACE",
          "CAP_SYS_PACCT",
          "CAP_SYS_ADMIN",
          "CAP_SYS_BOOT",
          "CAP_SYS_NICE",
          "CAP_SYS_RESOURCE",
          "CAP_SYS_TIME",
          "CAP_SYS_TTY_CONFIG",
          "CAP_MKNOD",
          "CAP_LEASE",
          "CAP_AUDIT_WRITE",
          "CAP_AUDIT_CONTROL",
          "CAP_SETFCAP",
          "CAP_MAC_OVERRIDE",
          "CAP_MAC_ADMIN",
          "CAP_SYSLOG",
          "CAP_WAKE_ALARM",
          "CAP_BLOCK_SUSPEND",
          "CAP_AUDIT_READ",
          "CAP_PERFMON",
          "CAP_BPF",
          "CAP_CHECKPOINT_RESTORE");

  /** Docker's default set, in docker's order. */
  public static final List<String> DEFAULT =
      List.of(
          "CAP_CHOWN",
          "CAP_DAC_OVERRIDE",
          "CAP_FSETID",
          "CAP_FOWNER",
          "CAP_MKNOD",
          "CAP_NET_RAW",
          "CAP_SETGID",
          "CAP_SETUID",
          "CAP_SETFCAP",
          "CAP_SETPCAP",
          "CAP_NET_BIND_SERVICE",
          "CAP_SYS_CHROOT",
          "CAP_KILL",
          "CAP_AUDIT_WRITE");

  private static final String ALL = "ALL";

  private Capabilities() {}

  /**
   * {@code CAP_NAME} for a name given as docker takes it ({@code net_admin}, {@code
   * CAP_NET_ADMIN}), or {@code ALL}.
   *
   * @throws BerthException INVALID_INPUT for a name Linux does not know
   */
  public static String normalize(String name) throws BerthException {
    String upper = name.strip().toUpperCase(Locale.ROOT);
    if (upper.equals(ALL)) {
      return ALL;
    }
    String full = upper.startsWith("CAP_") ? upper : "CAP_" + upper;
    if (!KNOWN.contains(full)) {
      throw BerthException.invalid(
          "unknown capability '"
              + name
              + "': expected a Linux capability such as NET_ADMIN or CAP_SYS_PTRACE, or ALL");
    }
    return full;
  }

  /**
   * The set a container gets, as docker decides it: every capability when privileged; otherwise the
   * default set (none after {@code --cap-drop ALL}, all after {@code --cap-add ALL}) without the
   * dropped ones and with the added ones, an added name winning over the same name dropped. "All"
   * means every capability berth itself holds: the runtime cannot grant more.
   */
  public static List<String> resolve(List<String> add, List<String> drop, boolean privileged)
      throws BerthException {
    List<String> adds = normalizeAll(add);
    List<String> drops = normalizeAll(drop);
    if (privileged || (adds.contains(ALL) && !drops.contains(ALL))) {
      List<String> all = new ArrayList<>(held());
      if (!privileged) {
        all.removeAll(drops);
      }
      return List.copyOf(all);
    }
    Set<String> caps = new LinkedHashSet<>(drops.contains(ALL) ? List.of() : DEFAULT);
    caps.removeAll(drops);
    if (adds.contains(ALL)) {
      caps.addAll(held());
    }
    adds.stream().filter(c -> !c.equals(ALL)).forEach(caps::add);
    return List.copyOf(caps);
  }

  private static List<String> normalizeAll(List<String> names) throws BerthException {
    List<String> out = new ArrayList<>();
    for (String n : names) {
      out.add(normalize(n));
    }
    return out;
  }

  /** The capabilities in berth's own bounding set ({@link #KNOWN} where it cannot be read). */
  static List<String> held() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("CapBnd:")) {
          return fromMask(Long.parseUnsignedLong(line.substring("CapBnd:".length()).strip(), 16));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Not Linux's /proc: assume every capability.
    }
    return KNOWN;
  }

  /** The known capabilities whose bits are set in {@code mask}. */
  static List<String> fromMask(long mask) {
    List<String> out = new ArrayList<>();
    for (int bit = 0; bit < KNOWN.size(); bit++) {
      if ((mask & (1L << bit)) != 0) {
        out.add(KNOWN.get(bit));
      }
    }
    return List.copyOf(out);
  }
}
