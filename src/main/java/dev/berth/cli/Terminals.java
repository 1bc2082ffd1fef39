package dev.berth.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether berth talks to a terminal that understands cursor movement. */
final class Terminals {

  private Terminals() {}

  /**
   * Whether file descriptor {@code fd} of this process is a terminal, read from where {@code
   * /proc/self/fd/N} points ({@code System.console()} needs both stdin and stdout to be one).
   */
  static boolean isTty(int fd) {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
      return target.startsWith("/dev/pts/")
          || target.startsWith("/dev/tty")
          || target.equals("/dev/console");
    } catch (IOException | UnsupportedOperationException e) {
      // No /proc (or a file system without links): nothing says it is a terminal.
      return false;
    }
  }

  static boolean isTerminal() {
    String term = System.getenv("TERM");
    return System.console() != null && term != null && !term.equals("dumb");
  }
}
