package dev.berth.app;

import java.util.Objects;

/** {@code -p [IP:]HOST:CONTAINER[/tcp|udp]}. */
public record PortOption(String hostIp, int hostPort, int containerPort, String protocol) {
  public PortOption {
    Objects.requireNonNull(hostIp, "hostIp");
    Objects.requireNonNull(protocol, "protocol");
  }
}
