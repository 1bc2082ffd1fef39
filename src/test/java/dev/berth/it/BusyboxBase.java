package dev.berth.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The end-to-end tests' shared base image: a busybox root imported as {@code busybox-it:1} once per
 * test run into a template store, which each test copies (cp -a keeps the unpacked snapshots)
 * instead of starting berth to import it again.
 */
final class BusyboxBase {

  static final String IMAGE = "busybox-it:1";

  private static Path template;

  private BusyboxBase() {}

  /** A store of the test's own at {@code dir} that already holds {@link #IMAGE}. */
  static Berth store(Path dir) throws IOException {
    Path from = template();
    Berth.Result copy = Berth.exec(List.of("cp", "-a", from.toString(), dir.toString()), Map.of());
    if (copy.exitCode() != 0) {
      throw new IOException("cannot copy the template store: " + copy.err());
    }
    return new Berth(dir);
  }

  private static synchronized Path template() throws IOException {
    if (template == null) {
      Path dir = Files.createTempDirectory("berth-it-base-");
      Path store = dir.resolve("store");
      new Berth(store)
          .run("import", Tools.busyboxRootfs(dir.resolve("rootfs")).toString(), IMAGE)
          .ok();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      Berth.exec(List.of("rm", "-rf", dir.toString()), Map.of());
                    } catch (IOException ignored) {
                      // the JVM is exiting; the temp dir goes with the machine
                    }
                  }));
      template = store;
    }
    return template;
  }
}
