package dev.berth.container;

import java.util.List;
import java.util.Objects;

/** A container's place on a network: the network's name and the extra names it answers to. */
public record NetworkAttachment(String network, List<String> aliases) {
  public NetworkAttachment {
    Objects.requireNonNull(network, "network");
    aliases = List.copyOf(aliases);
  }
}
