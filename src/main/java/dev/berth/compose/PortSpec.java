package dev.berth.compose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The short port syntax, {@code [[IP:][HOST]:]CONTAINER[/PROTOCOL]} with ranges, expanded into
 * long-form ports the way docker compose expands it (docker's port-spec rules).
 */
final class PortSpec {

  /** Malformed short syntax. */
  static final class PortSpecException extends Exception {
    PortSpecException(String message) {
      super(message);
    }
  }

  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

  private PortSpec() {}

  static List<PortConfig> parse(String raw) throws PortSpecException {
    String[] parts = raw.split(":", -1);
    int n = parts.length;
    String containerPort = parts[n - 1];
    String hostPort = n >= 2 ? parts[n - 2] : "";
    String ip = n >= 3 ? String.join(":", Arrays.copyOfRange(parts, 0, n - 2)) : "";
    String proto = "tcp";
    int slash = containerPort.indexOf('/');
    if (slash >= 0) {
      String p = containerPort.substring(slash + 1);
      containerPort = containerPort.substring(0, slash);
      if (!p.isEmpty()) {
        proto = p;
      }
    }
    if (ip.startsWith("[") && ip.endsWith("]")) {
      ip = ip.substring(1, ip.length() - 1);
    }
    if (!ip.isEmpty() && !isIp(ip)) {
      throw new PortSpecException("invalid IP address: " + ip);
    }
    if (containerPort.isEmpty()) {
      throw new PortSpecException("no port specified: " + raw + "<empty>");
    }
    long[] container = range(containerPort);
    if (container == null) {
      throw new PortSpecException("invalid containerPort: " + containerPort);
    }
    long[] host = {0, 0};
    if (!hostPort.isEmpty()) {
      host = range(hostPort);
      if (host == null) {
        throw new PortSpecException("invalid hostPort: " + hostPort);
      }
    }
    if (!hostPort.isEmpty()
        && container[1] - container[0] != host[1] - host[0]
        && container[1] != container[0]) {
      throw new PortSpecException(
          "invalid ranges specified for container and host Ports: "
              + containerPort
              + " and "
              + hostPort);
    }
    String protocol = proto.toLowerCase(Locale.ROOT);
    if (!protocol.equals("tcp") && !protocol.equals("udp") && !protocol.equals("sctp")) {
      throw new PortSpecException("invalid proto: " + proto);
    }
    // docker keys the ports by "port/proto" strings and compose lists them in that string order.
    TreeMap<String, PortConfig> byKey = new TreeMap<>();
    for (long i = 0; i <= container[1] - container[0]; i++) {
      long port = container[0] + i;
      String published = "";
      if (!hostPort.isEmpty()) {
        published = Long.toString(host[0] + i);
        if (container[0] == container[1] && host[0] != host[1]) {
          published = published + "-" + host[1];
        }
      }
      byKey.put(
          port + "/" + protocol,
          new PortConfig(
              Optional.empty(),
              "ingress",
              ip.isEmpty() ? Optional.empty() : Optional.of(ip),
              (int) port,
              published.isEmpty() ? Optional.empty() : Optional.of(published),
              protocol,
              Optional.empty()));
    }
    return new ArrayList<>(byKey.values());
  }

  private static long[] range(String ports) {
    int dash = ports.indexOf('-');
    String start = dash < 0 ? ports : ports.substring(0, dash);
    String end = dash < 0 ? ports : ports.substring(dash + 1);
    Long s = port(start);
    Long e = port(end);
    if (s == null || e == null || e < s) {
      return null;
    }
    return new long[] {s, e};
  }

  private static Long port(String text) {
    if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
      return null;
    }
    long v = Long.parseLong(text);
    return v > 65535 ? null : v;
  }

  static boolean isIp(String ip) {
    var m = IPV4.matcher(ip);
    if (m.matches()) {
      for (int g = 1; g <= 4; g++) {
        if (Integer.parseInt(m.group(g)) > 255) {
          return false;
        }
      }
      return true;
    }
    return IPV6.matcher(ip).matches();
  }
}
