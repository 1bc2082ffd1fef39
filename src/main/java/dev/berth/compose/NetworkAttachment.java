package dev.berth.compose;

import java.util.List;
import java.util.Optional;

/** How a service joins one network: aliases it is known by there, fixed addresses. */
public record NetworkAttachment(
    List<String> aliases,
    Optional<String> ipv4Address,
    Optional<String> ipv6Address,
    Optional<String> macAddress,
    Optional<String> interfaceName,
    int priority,
    int gatewayPriority) {

  public NetworkAttachment {
    aliases = List.copyOf(aliases);
  }
}
