package dev.berth.it;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The outside programs the end-to-end tests check berth against. Where one is missing the test is
 * skipped with the reason, except in CI ({@code BERTH_REQUIRE_TOOLS=1}), where it fails instead.
 */
final class Tools {

  private Tools() {}

  static void require(String tool, String why) {
    boolean present = onPath(tool);
    if (!present && "1".equals(System.getenv("BERTH_REQUIRE_TOOLS"))) {
      fail(tool + " is required in CI (" + why + ") but is not installed");
    }
    assumeTrue(present, tool + " is not installed, so this check (" + why + ") was skipped");
  }

  /** A running Docker engine, which the docker CLI alone does not mean. */
  static void requireDockerEngine() throws IOException {
    require("docker", "docker load and docker run of what berth saves");
    boolean up = Berth.exec("docker", "info", "--format", "{{.ServerVersion}}").exitCode() == 0;
    if (!up && "1".equals(System.getenv("BERTH_REQUIRE_TOOLS"))) {
      fail("a Docker engine is required in CI but docker info fails");
    }
    assumeTrue(up, "no Docker engine is running, so the docker checks were skipped");
  }

  static boolean onPath(String tool) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  /** A static busybox to build test root file systems from. */
  static Path busybox() {
    for (String p : new String[] {"/bin/busybox", "/usr/bin/busybox"}) {
      if (Files.isExecutable(Path.of(p))) {
        return Path.of(p);
      }
    }
    require("busybox", "test images are made from busybox-static");
    throw new AssertionError("unreachable");
  }

  /** A root file system of busybox and its applets, as a directory. */
  static Path busyboxRootfs(Path dir) throws IOException {
    Path bin = dir.resolve("bin");
    Files.createDirectories(bin);
    Files.copy(busybox(), bin.resolve("busybox"));
    for (String applet :
        new String[] {
          "sh",
          "echo",
          "cat",
          "ls",
          "id",
          "true",
          "false",
          "env",
          "mkdir",
          "rm",
          "cp",
          "adduser",
          "addgroup",
          "whoami",
          "sleep",
          "stat",
          "chmod",
          "chown",
          "grep",
          "touch",
          "wc",
          "httpd",
          "wget",
          "hostname",
          "kill",
          "ps",
          "pwd",
          "seq",
          "date",
          "nc"
        }) {
      Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
    }
    Files.createDirectories(dir.resolve("etc"));
    Files.writeString(
        dir.resolve("etc/passwd"),
        "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
    Files.writeString(dir.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n");
    Files.createDirectories(dir.resolve("tmp"));
    Files.createDirectories(dir.resolve("root"));
    Files.createDirectories(dir.resolve("home"));
    return dir;
  }
}
