package dev.berth.app;

import java.util.List;

/**
 * What a container may do beyond docker's defaults, as docker's flags ask: {@code --privileged},
 * {@code --cap-add} and {@code --cap-drop} (capability names as given: with or without {@code
 * CAP_}, or {@code ALL}; checked when the container is made), {@code --device} and {@code
 * --security-opt}.
 */
public record Privileges(
    boolean privileged,
    List<String> capAdd,
    List<String> capDrop,
    List<DeviceOption> devices,
    List<SecurityOption> securityOpts) {

  /** docker's defaults: nothing added, nothing dropped. */
  public static final Privileges DEFAULT = new Privileges(false, List.of(), List.of(), List.of());

  public Privileges {
    capAdd = List.copyOf(capAdd);
    capDrop = List.copyOf(capDrop);
    devices = List.copyOf(devices);
    securityOpts = List.copyOf(securityOpts);
  }

  /** Privileges with no {@code --security-opt}. */
  public Privileges(
      boolean privileged, List<String> capAdd, List<String> capDrop, List<DeviceOption> devices) {
    this(privileged, capAdd, capDrop, devices, List.of());
  }

  /** The one-line warnings for the options that do not apply (SELinux, AppArmor). */
  public List<String> warnings() {
    return securityOpts.stream()
        .filter(o -> o instanceof SecurityOption.NotApplied)
        .map(o -> ((SecurityOption.NotApplied) o).warning())
        .toList();
  }
}
