package dev.berth.container;

import java.util.List;
import java.util.Objects;

/** How a container is networked: on berth networks (bridges), the host's, or none. */
public sealed interface NetworkMode {

  /** The host's network stack. */
  record Host() implements NetworkMode {}

  /** A network namespace with only a loopback device. */
  record None() implements NetworkMode {}

  /** Its own namespace attached to one or more berth networks; the first carries the ports. */
  record Bridged(List<NetworkAttachment> networks) implements NetworkMode {
    public Bridged {
      networks = List.copyOf(networks);
      if (networks.isEmpty()) {
        throw new IllegalArgumentException("a bridged container needs a network");
      }
      Objects.requireNonNull(networks.get(0));
    }
  }
}
