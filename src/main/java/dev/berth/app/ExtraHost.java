package dev.berth.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code --add-host HOST:IP} (or {@code HOST=IP}, as docker 25 accepts): one more line in the
 * {@code /etc/hosts} a container or RUN step sees. {@code IP} may be {@code host-gateway}, which
 * the caller resolves to an address of the host.
 */
public record ExtraHost(String host, String ip) {

  /** docker's special value: the address at which a container reaches the host. */
  public static final String HOST_GATEWAY = "host-gateway";

  private static final Pattern HOSTNAME =
      Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?");

  public ExtraHost {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(ip, "ip");
  }

  /**
   * docker's syntax: the name, then {@code :} or {@code =}, then an IPv4 or IPv6 address (an IPv6
   * one may be in brackets) or {@code host-gateway}.
   *
   * @throws IllegalArgumentException in docker's words
   */
  public static ExtraHost parse(String spec) {
    int eq = spec.indexOf('=');
    int colon = spec.indexOf(':');
    int at = eq >= 0 ? eq : colon;
    if (at <= 0 || at == spec.length() - 1) {
      throw new IllegalArgumentException("bad format for add-host: \"" + spec + "\"");
    }
    String host = spec.substring(0, at);
    String ip = spec.substring(at + 1);
    if (ip.startsWith("[") && ip.endsWith("]")) {
      ip = ip.substring(1, ip.length() - 1);
    }
    if (!HOSTNAME.matcher(host).matches()) {
      throw new IllegalArgumentException("invalid hostname in add-host: \"" + host + "\"");
    }
    if (!ip.equals(HOST_GATEWAY) && !isAddress(ip)) {
      throw new IllegalArgumentException("invalid IP address in add-host: \"" + ip + "\"");
    }
    return new ExtraHost(host, ip);
  }

  /** Whether this entry asks for the host's own address. */
  public boolean isHostGateway() {
    return ip.equals(HOST_GATEWAY);
  }

  /** This entry with {@code host-gateway} replaced by {@code address}. */
  public ExtraHost resolveGateway(String address) {
    return isHostGateway() ? new ExtraHost(host, address) : this;
  }

  /** An IP literal (never a name: InetAddress would look a name up). */
  private static boolean isAddress(String ip) {
    if (!ip.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.%a-zA-Z]*")) {
      return false;
    }
    if (ip.indexOf(':') < 0 && !ip.matches("(\\d{1,3}\\.){3}\\d{1,3}")) {
      return false;
    }
    try {
      InetAddress.getByName(ip);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
