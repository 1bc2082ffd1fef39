package dev.berth.devcontainer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A port to forward from the dev container to the host: a bare number means that port of the
 * container itself ({@code localhost}); {@code "db:5432"} means a port of another host the
 * container reaches, such as a compose service.
 */
public record ForwardPort(String host, int port) {

  public static final String LOCALHOST = "localhost";
  private static final Pattern HOST_PORT = Pattern.compile("([a-zA-Z0-9.-]+):(\\d{1,5})");

  public ForwardPort {
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
    }
  }

  /** True when the port is the container's own. */
  public boolean local() {
    return host.equals(LOCALHOST);
  }

  /** As the merged configuration writes it: a number for the container's own ports. */
  public JsonNode toJson() {
    return local() ? Json.NODES.numberNode(port) : Json.NODES.textNode(host + ":" + port);
  }

  /** Reads a number or a {@code host:port} string. */
  static ForwardPort parse(JsonNode v) {
    if (v.isIntegralNumber()) {
      return new ForwardPort(LOCALHOST, v.intValue());
    }
    if (v.isTextual()) {
      Matcher m = HOST_PORT.matcher(v.textValue());
      if (m.matches()) {
        return new ForwardPort(m.group(1), Integer.parseInt(m.group(2)));
      }
    }
    throw new IllegalArgumentException(
        "expected a port number or a \"host:port\" string, not " + Json.stringify(v));
  }
}
