package dev.berth.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds host programs on {@code PATH} and in the usual system directories. */
public final class Executables {

  private static final List<String> SYSTEM_DIRS =
      List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

  private Executables() {}

  public static Optional<Path> find(String name) {
    List<String> dirs = new ArrayList<>();
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!d.isEmpty()) {
        dirs.add(d);
      }
    }
    dirs.addAll(SYSTEM_DIRS);
    for (String d : dirs) {
      Path p = Path.of(d, name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p.toAbsolutePath());
      }
    }
    return Optional.empty();
  }

  public static Path require(String name, String why) throws IOException {
    return find(name).orElseThrow(() -> new IOException(name + " is not installed (" + why + ")"));
  }
}
