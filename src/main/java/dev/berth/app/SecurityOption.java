package dev.berth.app;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One {@code --security-opt} value (compose's {@code security_opt}, a dev container's {@code
 * securityOpt}), read as docker reads it: {@code KEY=VALUE}, or docker's older {@code KEY:VALUE}.
 */
public sealed interface SecurityOption {

  /** The option as docker's {@code HostConfig.SecurityOpt} lists it. */
  String text();

  /** {@code seccomp=unconfined}: no seccomp filter. */
  record SeccompUnconfined() implements SecurityOption {
    @Override
    public String text() {
      return "seccomp=unconfined";
    }
  }

  /** {@code seccomp=builtin}: docker's default profile, as with no option. */
  record SeccompDefault() implements SecurityOption {
    @Override
    public String text() {
      return "seccomp=builtin";
    }
  }

  /**
   * {@code seccomp=PROFILE.json}: a profile in docker's format, read when the container is made.
   */
  record SeccompProfileFile(Path file) implements SecurityOption {
    public SeccompProfileFile {
      Objects.requireNonNull(file, "file");
    }

    /** The path; docker's inspect shows the profile's content instead, which berth does too. */
    @Override
    public String text() {
      return "seccomp=" + file;
    }
  }

  /** {@code no-new-privileges[=true|false]}: the container's processes cannot gain privileges. */
  record NoNewPrivileges(boolean enabled) implements SecurityOption {
    @Override
    public String text() {
      return enabled ? "no-new-privileges" : "no-new-privileges=false";
    }
  }

  /**
   * {@code label=...} (SELinux) or {@code apparmor=...}: accepted, as docker and podman accept them
   * on a host without SELinux or AppArmor, and not applied: berth confines containers with
   * namespaces, capabilities, the device cgroup and seccomp only.
   */
  record NotApplied(String key, String value) implements SecurityOption {
    @Override
    public String text() {
      return key + "=" + value;
    }

    /** The one line a user is told. */
    public String warning() {
      String what = key.equals("label") ? "SELinux labels" : "AppArmor profiles";
      return "warning: --security-opt "
          + key
          + "="
          + value
          + " does not apply: berth does not use "
          + what
          + " (containers are confined by namespaces, capabilities and seccomp)";
    }
  }

  /**
   * Reads one value.
   *
   * @throws IllegalArgumentException naming the value, for a key docker does not know or berth does
   *     not support, or a bad {@code no-new-privileges} value
   */
  static SecurityOption parse(String spec) {
    if (spec.equals("no-new-privileges")) {
      return new NoNewPrivileges(true);
    }
    int eq = spec.indexOf('=');
    int sep = eq >= 0 ? eq : spec.indexOf(':');
    if (sep <= 0) {
      throw invalid(spec);
    }
    String key = spec.substring(0, sep);
    String value = spec.substring(sep + 1);
    return switch (key) {
      case "seccomp" ->
          switch (value) {
            case "unconfined" -> new SeccompUnconfined();
            case "builtin" -> new SeccompDefault();
            case "" -> throw invalid(spec);
            default -> new SeccompProfileFile(Path.of(value));
          };
      case "no-new-privileges" -> new NoNewPrivileges(bool(spec, value));
      case "label", "apparmor" -> new NotApplied(key, value);
      default -> throw invalid(spec);
    };
  }

  /** Go's {@code strconv.ParseBool}, which docker uses here. */
  private static boolean bool(String spec, String value) {
    return switch (value) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default ->
          throw new IllegalArgumentException(
              "invalid --security-opt "
                  + quote(spec)
                  + ": no-new-privileges takes true or false, not "
                  + quote(value));
    };
  }

  private static IllegalArgumentException invalid(String spec) {
    return new IllegalArgumentException(
        "invalid --security-opt "
            + quote(spec)
            + " (berth takes seccomp=unconfined|builtin|PROFILE.json,"
            + " no-new-privileges[=true|false], label=..., apparmor=...)");
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }
}
