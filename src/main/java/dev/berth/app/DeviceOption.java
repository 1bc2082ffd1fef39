package dev.berth.app;

import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code --device HOST[:CONTAINER[:PERMS]]}: the host's device node {@code host}, to appear at
 * {@code container} (the same path by default), opened as {@code access} allows (some of {@code r},
 * {@code w}, {@code m}; {@code rwm} by default).
 */
public record DeviceOption(Path host, String container, String access) {

  public DeviceOption {
    Objects.requireNonNull(host, "host");
    if (!host.isAbsolute()) {
      throw new IllegalArgumentException("the host device must be an absolute path: " + host);
    }
    if (!container.startsWith("/")) {
      throw new IllegalArgumentException(
          "the device's path in the container must be absolute: " + container);
    }
    if (access.isEmpty() || !access.chars().allMatch(c -> "rwm".indexOf(c) >= 0)) {
      throw new IllegalArgumentException(
          "device permissions must be some of r, w and m, not '" + access + "'");
    }
  }

  /**
   * docker's syntax: {@code HOST}, {@code HOST:CONTAINER}, {@code HOST:CONTAINER:PERMS}, or {@code
   * HOST:PERMS} when the second part is no path.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static DeviceOption parse(String spec) {
    String[] parts = spec.split(":", -1);
    if (parts.length > 3 || parts[0].isEmpty()) {
      throw new IllegalArgumentException(
          "--device must be HOST[:CONTAINER[:PERMS]], not '" + spec + "'");
    }
    String host = parts[0];
    String container = host;
    String access = "rwm";
    if (parts.length == 2) {
      if (parts[1].startsWith("/")) {
        container = parts[1];
      } else {
        access = parts[1];
      }
    } else if (parts.length == 3) {
      container = parts[1];
      access = parts[2];
    }
    return new DeviceOption(Path.of(host), container, access);
  }
}
