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
    Optional<Rootless> rootless,
    Registries registries) {

  public SystemInfo {
    components = List.copyOf(components);
  }

  /**
   * How registries are reached: registries.conf's search registries, mirrors (as {@code prefix ->
   * mirror, ...}) and blocked prefixes, the insecure registries (with BERTH_INSECURE_REGISTRIES),
   * and the files read.
   */
  public record Registries(
      List<String> search,
      List<String> mirrors,
      List<String> insecure,
      List<String> blocked,
      List<String> files) {

    public Registries {
      search = List.copyOf(search);
      mirrors = List.copyOf(mirrors);
      insecure = List.copyOf(insecure);
      blocked = List.copyOf(blocked);
      files = List.copyOf(files);
    }

    public static Registries none() {
      return new Registries(List.of(), List.of(), List.of(), List.of(), List.of());
    }
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
