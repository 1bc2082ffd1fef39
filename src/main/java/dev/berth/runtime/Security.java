package dev.berth.runtime;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a container may do beyond its namespaces: its capability set, the host device nodes it gets
 * ({@code --device}), whether it is privileged (every capability, every device allowed, the host's
 * device nodes, no masked paths, no seccomp filter), its seccomp filter (none: unconfined), whether
 * its processes run with no_new_privs, and the {@code --security-opt} values as given (docker's
 * {@code HostConfig.SecurityOpt}), as docker decides them.
 */
public record Security(
    boolean privileged,
    List<String> capabilities,
    List<DeviceNode> devices,
    Optional<SeccompProfile> seccomp,
    boolean noNewPrivileges,
    List<String> options) {

  /** docker's default: its capability set, the standard devices only, its seccomp profile. */
  public static final Security DEFAULT = new Security(false, Capabilities.DEFAULT, List.of());

  public Security {
    capabilities = List.copyOf(capabilities);
    devices = List.copyOf(devices);
    Objects.requireNonNull(seccomp, "seccomp");
    options = List.copyOf(options);
  }

  /**
   * docker's seccomp default for these capabilities (none when privileged), no no_new_privs, no
   * options given.
   */
  public Security(boolean privileged, List<String> capabilities, List<DeviceNode> devices) {
    this(
        privileged,
        capabilities,
        devices,
        privileged ? Optional.empty() : Optional.of(DefaultSeccomp.forCapabilities(capabilities)),
        false,
        List.of());
  }
}
