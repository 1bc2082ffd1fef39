package dev.berth.container;

import java.util.Objects;

/**
 * A published port ({@code -p [IP:]HOST:CONTAINER[/tcp|udp]}): traffic to {@code hostIp:hostPort}
 * on the host reaches {@code containerPort} in the container.
 *
 * @param hostIp empty for every address of the host
 */
public record PortMapping(String hostIp, int hostPort, int containerPort, String protocol) {

  public PortMapping {
    Objects.requireNonNull(hostIp, "hostIp");
    Objects.requireNonNull(protocol, "protocol");
    if (hostPort < 1 || hostPort > 65535 || containerPort < 1 || containerPort > 65535) {
      throw new IllegalArgumentException(
          "ports must be 1..65535: " + hostPort + ":" + containerPort);
    }
    if (!protocol.equals("tcp") && !protocol.equals("udp")) {
      throw new IllegalArgumentException("protocol must be tcp or udp: " + protocol);
    }
  }

  /** {@code 127.0.0.1:8080->80/tcp}, as docker ps shows it. */
  @Override
  public String toString() {
    return (hostIp.isEmpty() ? "0.0.0.0" : hostIp)
        + ":"
        + hostPort
        + "->"
        + containerPort
        + "/"
        + protocol;
  }
}
