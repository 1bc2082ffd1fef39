package dev.berth.container;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A berth network: a Linux bridge with a subnet of its own, made and joined through the standard
 * CNI plugins (bridge with host-local addresses, portmap, firewall).
 *
 * @param bridge the bridge interface's name on the host (at most 15 characters)
 */
public record Network(
    String name,
    String id,
    String subnet,
    String gateway,
    String bridge,
    Instant created,
    Map<String, String> labels) {

  /** The network containers join when they name none, as docker's default bridge. */
  public static final String DEFAULT = "berth";

  public Network {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subnet, "subnet");
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(bridge, "bridge");
    Objects.requireNonNull(created, "created");
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    if (bridge.isEmpty() || bridge.length() > 15) {
      throw new IllegalArgumentException("bad bridge name: " + bridge);
    }
  }

  /** The prefix length of the subnet, 24 for {@code 10.89.0.0/24}. */
  public int prefixLength() {
    return Integer.parseInt(subnet.substring(subnet.indexOf('/') + 1));
  }
}
