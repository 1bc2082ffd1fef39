package dev.berth.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Writes the {@code /etc/hosts} and {@code /etc/resolv.conf} a container sees into the bundle, to
 * be bind-mounted over the image's files so that the image itself never changes.
 */
record EtcFiles(Path hosts, Path resolvConf) {

  static EtcFiles write(Path bundle, String hostname, NetworkMode network) throws IOException {
    return write(bundle, hostname, network, ProcessExtras.NONE);
  }

  /** The same, with {@code --add-host} lines after the standard ones, as docker writes them. */
  static EtcFiles write(Path bundle, String hostname, NetworkMode network, ProcessExtras extras)
      throws IOException {
    Path hosts = bundle.resolve("hosts");
    Files.writeString(
        hosts,
        "127.0.0.1\tlocalhost\n"
            + "::1\tlocalhost ip6-localhost ip6-loopback\n"
            + "127.0.1.1\t"
            + hostname
            + "\n"
            + extras.hostsLines());
    Path resolv = bundle.resolve("resolv.conf");
    String content = "";
    if (network == NetworkMode.HOST) {
      try {
        content = Files.readString(Path.of("/etc/resolv.conf"));
      } catch (NoSuchFileException e) {
        content = "";
      }
    }
    Files.writeString(resolv, content);
    return new EtcFiles(hosts, resolv);
  }
}
