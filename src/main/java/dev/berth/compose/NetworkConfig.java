package dev.berth.compose;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A top-level network.
 *
 * @param name the engine-side name: {@code name:}, else {@code <project>_<key>}, else the key for
 *     an external network
 * @param ipam IPAM settings as written, as plain values (empty when none)
 */
public record NetworkConfig(
    String name,
    Optional<String> driver,
    Map<String, String> driverOptions,
    Map<String, Object> ipam,
    boolean external,
    boolean internal,
    boolean attachable,
    Map<String, String> labels,
    Optional<Boolean> enableIpv4,
    Optional<Boolean> enableIpv6) {

  public NetworkConfig {
    Objects.requireNonNull(name, "name");
    driverOptions = Map.copyOf(driverOptions);
    ipam = Map.copyOf(ipam);
    labels = Map.copyOf(labels);
  }
}
