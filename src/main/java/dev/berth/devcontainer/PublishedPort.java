package dev.berth.devcontainer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * A port of the container published on the host ({@code appPort}, or {@code -p} in {@code
 * runArgs}), in docker's {@code [ip:][hostPort:]containerPort[/protocol]} form.
 *
 * <p>Where no address is given the port is published on 127.0.0.1 only: the reference CLI does so
 * for numbers and passes strings to docker, which then listens on every interface.
 *
 * @param hostPort empty when the host port is left to the runtime to choose
 */
public record PublishedPort(
    String hostIp, Optional<Integer> hostPort, int containerPort, String protocol) {

  public static final String LOOPBACK = "127.0.0.1";

  public PublishedPort {
    Objects.requireNonNull(hostIp, "hostIp");
    Objects.requireNonNull(hostPort, "hostPort");
    Objects.requireNonNull(protocol, "protocol");
    checkPort(containerPort);
    hostPort.ifPresent(PublishedPort::checkPort);
    if (!protocol.equals("tcp") && !protocol.equals("udp") && !protocol.equals("sctp")) {
      throw new IllegalArgumentException("unknown protocol '" + protocol + "'");
    }
  }

  private static void checkPort(int p) {
    if (p < 1 || p > 65535) {
      throw new IllegalArgumentException("port " + p + " is not between 1 and 65535");
    }
  }

  /** Reads an {@code appPort} entry: a number (same port on both sides) or a {@code -p} string. */
  static PublishedPort read(JsonNode v) {
    if (v.isIntegralNumber()) {
      return new PublishedPort(LOOPBACK, Optional.of(v.intValue()), v.intValue(), "tcp");
    }
    if (v.isTextual()) {
      return parse(v.textValue());
    }
    throw new IllegalArgumentException(
        "expected a port number or a string, not " + Json.stringify(v));
  }

  /** Parses docker's {@code -p} syntax. */
  public static PublishedPort parse(String spec) {
    String s = spec;
    String protocol = "tcp";
    int slash = s.indexOf('/');
    if (slash >= 0) {
      protocol = s.substring(slash + 1);
      s = s.substring(0, slash);
    }
    String[] parts = s.split(":", -1);
    try {
      return switch (parts.length) {
        case 1 -> new PublishedPort(LOOPBACK, Optional.empty(), number(parts[0], spec), protocol);
        case 2 ->
            new PublishedPort(
                LOOPBACK, optionalNumber(parts[0], spec), number(parts[1], spec), protocol);
        case 3 ->
            new PublishedPort(
                parts[0].isEmpty() ? LOOPBACK : parts[0],
                optionalNumber(parts[1], spec),
                number(parts[2], spec),
                protocol);
        default ->
            throw new IllegalArgumentException(
                "cannot read port '"
                    + spec
                    + "' (expected [ip:][hostPort:]containerPort[/protocol])");
      };
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid port '" + spec + "': " + e.getMessage(), e);
    }
  }

  private static Optional<Integer> optionalNumber(String s, String spec) {
    return s.isEmpty() ? Optional.empty() : Optional.of(number(s, spec));
  }

  private static int number(String s, String spec) {
    if (!s.matches("\\d{1,5}")) {
      throw new IllegalArgumentException(
          "'" + s + "' is not a port number (ranges and IPv6 addresses are not supported)");
    }
    return Integer.parseInt(s);
  }
}
