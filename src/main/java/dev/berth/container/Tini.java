package dev.berth.container;

import dev.berth.diag.BerthException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** tini, the small init {@code --init} runs as the container's first process, as docker does. */
final class Tini {

  private static final List<Path> CANDIDATES =
      List.of(
          Path.of("/usr/bin/tini-static"),
          Path.of("/usr/bin/tini"),
          Path.of("/usr/local/bin/tini-static"),
          Path.of("/usr/local/bin/tini"));

  private Tini() {}

  /** The static build first: the image may lack the libraries a dynamic one needs. */
  static Path find() throws BerthException {
    for (Path p : CANDIDATES) {
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw BerthException.precondition("--init needs tini (Debian package tini)");
  }
}
