package dev.berth.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One entry of a device cgroup: allow or deny {@code access} (some of {@code r}, {@code w}, {@code
 * m}) to devices of {@code type} ({@code c}, {@code b} or {@code a} for all) with the given numbers
 * (empty: any).
 */
public record DeviceRule(
    boolean allow, char type, OptionalLong major, OptionalLong minor, String access) {

  public DeviceRule {
    if ("abc".indexOf(type) < 0) {
      throw new IllegalArgumentException("device type must be a, b or c: " + type);
    }
    Objects.requireNonNull(major, "major");
    Objects.requireNonNull(minor, "minor");
    if (access.isEmpty() || !access.chars().allMatch(ch -> "rwm".indexOf(ch) >= 0)) {
      throw new IllegalArgumentException("device access must be some of r, w, m: " + access);
    }
  }

  /** Allows {@code access} to the character device {@code major:minor}. */
  static DeviceRule allowChar(long major, long minor, String access) {
    return new DeviceRule(true, 'c', OptionalLong.of(major), OptionalLong.of(minor), access);
  }

  /** No access to any device, the rule every list starts with. */
  static final DeviceRule DENY_ALL =
      new DeviceRule(false, 'a', OptionalLong.empty(), OptionalLong.empty(), "rwm");

  /** Every access to every device: {@code --privileged}. */
  static final DeviceRule ALLOW_ALL =
      new DeviceRule(true, 'a', OptionalLong.empty(), OptionalLong.empty(), "rwm");

  /**
   * docker's default list after {@link #DENY_ALL}: any node may be made ({@code mknod}) but only
   * the standard ones opened: null, zero, full, random, urandom, tty, console, ptmx and the pty
   * slaves. fuse and tun come only with {@code --device}.
   */
  static final List<DeviceRule> DEFAULTS =
      List.of(
          new DeviceRule(true, 'c', OptionalLong.empty(), OptionalLong.empty(), "m"),
          new DeviceRule(true, 'b', OptionalLong.empty(), OptionalLong.empty(), "m"),
          allowChar(1, 3, "rwm"),
          allowChar(1, 5, "rwm"),
          allowChar(1, 7, "rwm"),
          allowChar(1, 8, "rwm"),
          allowChar(1, 9, "rwm"),
          allowChar(5, 0, "rwm"),
          allowChar(5, 1, "rwm"),
          allowChar(5, 2, "rwm"),
          new DeviceRule(true, 'c', OptionalLong.of(136), OptionalLong.empty(), "rwm"));

  /** The rules of a container given {@code devices}: all when privileged, else docker's list. */
  static List<DeviceRule> forContainer(Security security) {
    if (security.privileged()) {
      return List.of(ALLOW_ALL);
    }
    List<DeviceRule> rules = new ArrayList<>();
    rules.add(DENY_ALL);
    rules.addAll(DEFAULTS);
    for (DeviceNode d : security.devices()) {
      rules.add(
          new DeviceRule(
              true, d.type(), OptionalLong.of(d.major()), OptionalLong.of(d.minor()), d.access()));
    }
    return List.copyOf(rules);
  }

  /** The line a cgroup v1 {@code devices.allow} or {@code devices.deny} file takes. */
  String v1Line() {
    if (type == 'a') {
      return "a";
    }
    return type + " " + number(major) + ":" + number(minor) + " " + access;
  }

  private static String number(OptionalLong n) {
    return n.isPresent() ? Long.toString(n.getAsLong()) : "*";
  }
}
