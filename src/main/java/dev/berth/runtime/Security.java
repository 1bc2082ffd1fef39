package dev.berth.runtime;

import java.util.List;

/**
 * What a container may do beyond its namespaces: its capability set, the host device nodes it gets
 * ({@code --device}) and whether it is privileged (every capability, every device allowed, the
 * host's device nodes, no masked paths), as docker decides them.
 */
public record Security(boolean privileged, List<String> capabilities, List<DeviceNode> devices) {

  /** docker's default: its capability set, the standard devices only. */
  public static final Security DEFAULT = new Security(false, Capabilities.DEFAULT, List.of());

  public Security {
    capabilities = List.copyOf(capabilities);
    devices = List.copyOf(devices);
  }
}
