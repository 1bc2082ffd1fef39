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

  /** berth set up from this process's environment and the flag. */
  Berth berth() throws IOException {
    return Berth.fromEnvironment(System.getenv(), Optional.ofNullable(root));
  }
}
