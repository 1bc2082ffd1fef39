package dev.berth.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What containers can leave behind on the host, counted so a test can compare before and after:
 * mounts below the test's store, berth's network namespaces, veth devices, and iptables rules that
 * name a berth address or container.
 */
record Leaks(List<String> mounts, List<String> netns, List<String> veths, List<String> rules) {

  /**
   * Waits (up to 20 s) until no process works on {@code store}: the berth processes conmon runs
   * when a container ends may still be taking it down just after a command returned.
   */
  static void awaitQuiet(Path store) throws IOException {
    String marker = "BERTH_ROOT=" + store;
    for (int i = 0; i < 200; i++) {
      boolean busy = false;
      try (var procs = Files.list(Path.of("/proc"))) {
        for (Path p : procs.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
          if (p.getFileName().toString().equals(Long.toString(ProcessHandle.current().pid()))) {
            continue;
          }
          try {
            String env = new String(Files.readAllBytes(p.resolve("environ")));
            String cmd = new String(Files.readAllBytes(p.resolve("cmdline")));
            if (env.contains(marker) && cmd.contains("berth")) {
              busy = true;
            }
          } catch (IOException gone) {
            // the process ended, or is not ours to read
          }
        }
      }
      if (!busy) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  static Leaks of(Path store) throws IOException {
    List<String> mounts = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      if (line.contains(store.toString())) {
        mounts.add(line);
      }
    }
    List<String> netns = new ArrayList<>();
    if (Files.isDirectory(Path.of("/run/netns"))) {
      try (var s = Files.list(Path.of("/run/netns"))) {
        s.map(p -> p.getFileName().toString())
            .filter(n -> n.startsWith("berth-"))
            .forEach(netns::add);
      }
    }
    List<String> veths =
        Berth.exec(List.of("ip", "-o", "link", "show", "type", "veth"), Map.of())
            .out()
            .lines()
            .toList();
    List<String> rules = new ArrayList<>();
    for (String l : Berth.exec(List.of("iptables-save"), Map.of()).out().lines().toList()) {
      if (!l.startsWith(":")
          && !l.startsWith("#")
          && (l.contains("10.89.") || l.contains("berth"))) {
        rules.add(l);
      }
    }
    return new Leaks(mounts, netns, veths, rules);
  }
}
