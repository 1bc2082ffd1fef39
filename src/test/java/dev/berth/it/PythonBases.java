package dev.berth.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The Python base images of the example (Debian bookworm roots made with debootstrap, cached in
 * ~/.cache/berth), imported once per test run into one store that the tests needing them share.
 * Tests on it name their images uniquely and remove their containers.
 */
final class PythonBases {

  private static Path store;

  private PythonBases() {}

  static synchronized Berth store() throws IOException {
    Tools.require("debootstrap", "the Python base images are made from Debian packages");
    if (store == null) {
      Path dir = Files.createTempDirectory("berth-it-python-");
      Path s = dir.resolve("store");
      Path example = Path.of("examples/python-poetry").toAbsolutePath();
      Berth.exec(
              List.of(example.resolve("base/make-base.sh").toString()),
              Map.of(
                  "BERTH_ROOT", s.toString(),
                  "BERTH", Path.of("bin/berth").toAbsolutePath().toString()))
          .ok();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      Berth.exec(List.of("rm", "-rf", dir.toString()), Map.of());
                    } catch (IOException ignored) {
                      // the JVM is exiting
                    }
                  }));
      store = s;
    }
    return new Berth(store);
  }

  /** The store's path, for tests that run berth with an environment of their own. */
  static Path root() throws IOException {
    store();
    return store;
  }
}
