package dev.berth.app;

import java.util.List;

/**
 * What a container may do beyond docker's defaults, as docker's flags ask: {@code --privileged},
 * {@code --cap-add} and {@code --cap-drop} (capability names as given: with or without {@code
 * CAP_}, or {@code ALL}; checked when the container is made) and {@code --device}.
 */
public record Privileges(
    boolean privileged, List<String> capAdd, List<String> capDrop, List<DeviceOption> devices) {

  /** docker's defaults: nothing added, nothing dropped. */
  public static final Privileges DEFAULT = new Privileges(false, List.of(), List.of(), List.of());

  public Privileges {
    capAdd = List.copyOf(capAdd);
    capDrop = List.copyOf(capDrop);
    devices = List.copyOf(devices);
  }
}
