package dev.berth.app;

import java.util.List;
import java.util.Optional;

/**
 * What {@code berth info} shows: where the store is, which real parts berth would use (runtime,
 * snapshotter, conmon, CNI plugins, slirp4netns, RootlessKit) and their versions, the host's cgroup
 * version and kernel, and, for an ordinary user, the rootless setup.
 */
public record SystemInfo(
    String storeRoot,
    Snapshotter snapshotter,
    Component runtime,
    int cgroupVersion,
    String kernel,
    String operatingSystem,
    String architecture,
    int cpus,
    long memoryBytes,
    List<Component> components,
    Optional<String> cniPluginDir,
    Optional<Rootless> rootless) {

  public SystemInfo {
    components = List.copyOf(components);
  }

  /** A program berth runs: its name, where it is (empty when not installed), its version. */
  public record Component(String name, Optional<String> path, Optional<String> version) {}

  /** The snapshotter and why: forced by {@code BERTH_SNAPSHOTTER}, probed, or expected. */
  public record Snapshotter(String name, String reason) {}

  /** berth as an ordinary user: who, the subordinate ranges, the holder, what is missing. */
  public record Rootless(
      String user,
      long uid,
      long gid,
      List<String> subuids,
      List<String> subgids,
      Optional<Long> holderPid,
      List<String> missing) {

    public Rootless {
      subuids = List.copyOf(subuids);
      subgids = List.copyOf(subgids);
      missing = List.copyOf(missing);
    }
  }
}
