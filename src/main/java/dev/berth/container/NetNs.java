package dev.berth.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Named network namespaces as iproute2 keeps them, under {@code /run/netns}. */
final class NetNs {

  private static final Path DIR = Path.of("/run/netns");

  private NetNs() {}

  static Path path(String name) {
    return DIR.resolve(name);
  }

  static boolean exists(String name) {
    return Files.exists(path(name));
  }

  static void create(String name) throws IOException {
    run(List.of("ip", "netns", "add", name), "create network namespace " + name);
    // The namespace's own loopback, as every container has one.
    run(
        List.of("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up"),
        "bring up lo in " + name);
  }

  /** Removes the namespace; nothing happens when it is gone. */
  static void delete(String name) throws IOException {
    if (exists(name)) {
      run(List.of("ip", "netns", "delete", name), "delete network namespace " + name);
    }
  }

  private static void run(List<String> cmd, String what) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new IOException("cannot " + what + ": " + out.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + what, e);
    }
  }
}
