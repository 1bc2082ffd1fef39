package dev.berth.runtime;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A small root file system: a static busybox with its applets, and users alice and root. */
final class BusyboxRoot {

  private static final List<String> APPLETS =
      List.of(
          "sh",
          "echo",
          "id",
          "cat",
          "ls",
          "sleep",
          "env",
          "pwd",
          "touch",
          "rm",
          "kill",
          "hostname",
          "printf",
          "tail",
          "cut",
          "tr",
          "true",
          "false");

  private BusyboxRoot() {}

  static Path create(Path dir) throws IOException {
    Path busybox = Path.of("/bin/busybox");
    if (!Files.isExecutable(busybox) && "1".equals(System.getenv("BERTH_REQUIRE_TOOLS"))) {
      fail("a static busybox at /bin/busybox is required in CI for the runtime tests");
    }
    assumeTrue(Files.isExecutable(busybox), "no /bin/busybox to make a test root from");
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.copy(busybox, bin.resolve("busybox"));
    for (String applet : APPLETS) {
      Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
    }
    Path etc = Files.createDirectories(dir.resolve("etc"));
    Files.writeString(
        etc.resolve("passwd"),
        "root:x:0:0:root:/root:/bin/sh\n"
            + "# a comment line\n"
            + "alice:x:1000:1000:Alice:/home/alice:/bin/sh\n");
    Files.writeString(
        etc.resolve("group"), "root:x:0:\nstaff:x:50:alice\nalice:x:1000:\nother:x:60:bob\n");
    Files.writeString(etc.resolve("hosts"), "10.9.9.9\timage's own hosts\n");
    Files.writeString(etc.resolve("motd"), "hello\n");
    for (String d : List.of("tmp", "root", "home/alice", "proc", "dev", "sys")) {
      Files.createDirectories(dir.resolve(d));
    }
    return dir;
  }
}
