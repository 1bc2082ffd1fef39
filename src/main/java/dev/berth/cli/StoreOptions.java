package dev.berth.cli;

import dev.berth.app.Berth;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --root}: where the store is, for every command that uses it. */
final class StoreOptions {

  @Option(
      names = "--root",
      paramLabel = "DIR",
      description =
          "The store (default: $BERTH_ROOT, else /var/lib/berth for root and"
              + " $XDG_DATA_HOME/berth for other users).")
  Path root;

  /**
   * berth set up from this process's environment and the flag. Every command that uses the store
   * first undoes what killed berth processes left mounted or in place, and says so in one line.
   */
  Berth berth() throws IOException {
    Berth berth = Berth.fromEnvironment(System.getenv(), Optional.ofNullable(root));
    try {
      berth.reapLeftovers().ifPresent(line -> System.err.println("berth: " + line));
    } catch (IOException e) {
      // Leftovers that cannot go now stay recorded for a later command; this one goes on.
      System.err.println(
          "berth: warning: cannot clean up after killed processes: " + e.getMessage());
    }
    return berth;
  }
}
