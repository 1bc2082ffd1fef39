package dev.berth.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code /etc/hosts}, {@code /etc/hostname} and {@code /etc/resolv.conf} of a container, kept
 * in its bundle and bound over the image's files. The hosts file names the container and every
 * running neighbour on its networks, by container name and alias (nerdctl's way), and is rewritten
 * in place, so the bind mount sees each change, as neighbours come and go.
 */
final class EtcFiles {

  /** A name another container can be reached by. */
  record Peer(String ip, List<String> names) {}

  private EtcFiles() {}

  static Path hosts(Path bundle) {
    return bundle.resolve("hosts");
  }

  static Path hostname(Path bundle) {
    return bundle.resolve("hostname");
  }

  static Path resolvConf(Path bundle) {
    return bundle.resolve("resolv.conf");
  }

  static void writeHostname(Path bundle, String hostname) throws IOException {
    Files.writeString(hostname(bundle), hostname + "\n");
  }

  /** The hosts file: localhost, the container itself, then its neighbours. */
  static void writeHosts(Path bundle, String ownIp, List<String> ownNames, List<Peer> peers)
      throws IOException {
    writeHosts(bundle, ownIp, ownNames, peers, "");
  }

  /** The same, with {@code added} ({@code --add-host} lines) after the neighbours, as docker. */
  static void writeHosts(
      Path bundle, String ownIp, List<String> ownNames, List<Peer> peers, String added)
      throws IOException {
    StringBuilder s = new StringBuilder();
    s.append("127.0.0.1\tlocalhost\n");
    s.append("::1\tlocalhost ip6-localhost ip6-loopback\n");
    if (ownIp.isEmpty()) {
      s.append("127.0.1.1\t").append(String.join(" ", ownNames)).append('\n');
    } else {
      s.append(ownIp).append('\t').append(String.join(" ", ownNames)).append('\n');
    }
    for (Peer p : peers) {
      if (!p.ip().isEmpty() && !p.names().isEmpty()) {
        s.append(p.ip()).append('\t').append(String.join(" ", p.names())).append('\n');
      }
    }
    s.append(added);
    Path file = hosts(bundle);
    // Written in place: a rename would leave the running container's bind mount on the old file.
    Files.writeString(file, s.toString());
  }

  /**
   * The host's resolv.conf, unless it only names loopback servers (unreachable from a network
   * namespace): then the network's gateway stands in, as the issue of such hosts asks.
   */
  static void writeResolvConf(Path bundle, boolean hostNetwork, String gateway) throws IOException {
    String host;
    try {
      host = Files.readString(Path.of("/etc/resolv.conf"));
    } catch (NoSuchFileException e) {
      host = "";
    }
    if (hostNetwork) {
      Files.writeString(resolvConf(bundle), host);
      return;
    }
    List<String> lines = new ArrayList<>();
    boolean usable = false;
    for (String line : host.split("\n")) {
      String t = line.trim();
      if (t.startsWith("nameserver")) {
        String server = t.substring("nameserver".length()).trim();
        if (server.startsWith("127.") || server.equals("::1")) {
          continue;
        }
        usable = true;
      }
      lines.add(line);
    }
    if (!usable && !gateway.isEmpty()) {
      lines.add("nameserver " + gateway);
    }
    Files.writeString(resolvConf(bundle), String.join("\n", lines).strip() + "\n");
  }

  /** A container's own names: its hostname, its name and its aliases, each once. */
  static List<String> names(String hostname, String name, List<String> aliases) {
    Set<String> out = new LinkedHashSet<>();
    out.add(hostname);
    out.add(name);
    out.addAll(aliases);
    return List.copyOf(out);
  }
}
