package dev.berth.mount;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The process that made something (a lease, a mount): its PID, its start time in clock ticks since
 * boot (field 22 of {@code /proc/PID/stat}, so a reused PID is not mistaken for it) and its PID
 * namespace, since a PID means nothing in another one.
 */
public record ProcessOwner(long pid, long startTicks, String pidNamespace) {

  private static final Path PROC = Path.of("/proc");

  /** This process. */
  public static ProcessOwner self() throws IOException {
    long pid = ProcessHandle.current().pid();
    Stat stat =
        read(PROC.resolve("self").resolve("stat"))
            .orElseThrow(() -> new IOException("cannot read /proc/self/stat"));
    return new ProcessOwner(pid, stat.startTicks(), namespace());
  }

  /**
   * Whether the owner still runs: empty when that cannot be told from here (it lives in another PID
   * namespace), false when its PID is gone, a zombie, or now another process's.
   */
  public Optional<Boolean> alive() throws IOException {
    if (!pidNamespace.equals(namespace())) {
      return Optional.empty();
    }
    Optional<Stat> stat = read(PROC.resolve(Long.toString(pid)).resolve("stat"));
    return Optional.of(
        stat.isPresent()
            && stat.get().startTicks() == startTicks
            && stat.get().state() != 'Z'
            && stat.get().state() != 'X');
  }

  /** The owner as a file-name-safe key: {@code PID-START}. */
  public String key() {
    return pid + "-" + startTicks;
  }

  private record Stat(char state, long startTicks) {}

  private static Optional<Stat> read(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    // The command name (field 2) may hold spaces and parentheses; the fields after it are plain.
    int close = text.lastIndexOf(')');
    String[] f = text.substring(close + 2).trim().split(" ");
    // After the name: state is field 3, starttime field 22.
    return Optional.of(new Stat(f[0].charAt(0), Long.parseLong(f[22 - 3])));
  }

  private static String namespace() throws IOException {
    try {
      return Files.readSymbolicLink(PROC.resolve("self").resolve("ns").resolve("pid")).toString();
    } catch (NoSuchFileException | UnsupportedOperationException e) {
      // A kernel without PID namespaces in /proc: every owner counts as in this one namespace.
      return "";
    }
  }
}
