package dev.berth.devcontainer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code runArgs} of devcontainer.json, read as the {@code docker run} flags they are. berth
 * understands this subset and refuses any other flag by name:
 *
 * <ul>
 *   <li>{@code --cap-add}, {@code --cap-drop}, {@code --security-opt}
 *   <li>{@code -e}/{@code --env} ({@code NAME=value}, or {@code NAME} to pass the host's value)
 *   <li>{@code -l}/{@code --label}, {@code --network}/{@code --net}, {@code --add-host}
 *   <li>{@code --init}, {@code --privileged} (optionally {@code =true|false})
 *   <li>{@code -u}/{@code --user}, {@code -h}/{@code --hostname}, {@code --userns}
 *   <li>{@code -v}/{@code --volume}, {@code --mount}, {@code -p}/{@code --publish}
 * </ul>
 *
 * <p>Flags are written as in docker: {@code --flag value}, {@code --flag=value}, {@code -e value},
 * {@code -evalue}. A flag given twice that takes one value keeps the last, as docker does.
 */
public record RunArgs(
    List<String> capAdd,
    List<String> capDrop,
    List<String> securityOpt,
    Map<String, String> env,
    Map<String, String> labels,
    Optional<String> network,
    List<String> addHosts,
    Optional<Boolean> init,
    Optional<Boolean> privileged,
    Optional<String> user,
    Optional<String> hostname,
    Optional<String> userns,
    List<Mount> mounts,
    List<PublishedPort> publish) {

  public static final RunArgs NONE =
      new RunArgs(
          List.of(),
          List.of(),
          List.of(),
          Map.of(),
          Map.of(),
          Optional.empty(),
          List.of(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          List.of(),
          List.of());

  public RunArgs {
    capAdd = List.copyOf(capAdd);
    capDrop = List.copyOf(capDrop);
    securityOpt = List.copyOf(securityOpt);
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    addHosts = List.copyOf(addHosts);
    mounts = List.copyOf(mounts);
    publish = List.copyOf(publish);
  }

  /** A flag that cannot be read, with the index of the argument it starts at. */
  public static final class BadRunArgException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int index;

    BadRunArgException(int index, String message) {
      super(message);
      this.index = index;
    }

    public int index() {
      return index;
    }
  }

  private enum Flag {
    CAP_ADD(true, "--cap-add"),
    CAP_DROP(true, "--cap-drop"),
    SECURITY_OPT(true, "--security-opt"),
    ENV(true, "-e", "--env"),
    LABEL(true, "-l", "--label"),
    NETWORK(true, "--network", "--net"),
    ADD_HOST(true, "--add-host"),
    INIT(false, "--init"),
    PRIVILEGED(false, "--privileged"),
    USER(true, "-u", "--user"),
    HOSTNAME(true, "-h", "--hostname"),
    USERNS(true, "--userns"),
    VOLUME(true, "-v", "--volume"),
    MOUNT(true, "--mount"),
    PUBLISH(true, "-p", "--publish");

    final boolean takesValue;
    final List<String> names;

    Flag(boolean takesValue, String... names) {
      this.takesValue = takesValue;
      this.names = List.of(names);
    }
  }

  /**
   * Reads the arguments.
   *
   * @param hostEnv where {@code -e NAME} without a value takes its value from (it is left out when
   *     the host has none, as docker does)
   * @throws BadRunArgException for a flag outside the subset or a value that cannot be read
   */
  public static RunArgs parse(List<String> args, Map<String, String> hostEnv) {
    Builder b = new Builder();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      int start = i;
      if (!a.startsWith("-") || a.equals("-") || a.equals("--")) {
        throw new BadRunArgException(
            i, "runArgs: '" + a + "' is not a flag; runArgs may hold only docker run flags");
      }
      Flag flag = null;
      String value = null;
      if (a.startsWith("--")) {
        int eq = a.indexOf('=');
        String name = eq < 0 ? a : a.substring(0, eq);
        flag = find(name);
        if (flag == null) {
          throw unsupported(i, name);
        }
        if (eq >= 0) {
          value = a.substring(eq + 1);
        }
      } else {
        String name = a.substring(0, 2);
        flag = find(name);
        if (flag == null) {
          throw unsupported(i, name);
        }
        if (a.length() > 2) {
          if (!flag.takesValue) {
            throw unsupported(i, a);
          }
          value = a.charAt(2) == '=' ? a.substring(3) : a.substring(2);
        }
      }
      if (flag.takesValue && value == null) {
        if (i + 1 >= args.size()) {
          throw new BadRunArgException(i, "runArgs: " + a + " needs a value");
        }
        value = args.get(++i);
      }
      try {
        b.apply(flag, value, hostEnv);
      } catch (IllegalArgumentException e) {
        throw new BadRunArgException(start, "runArgs: " + a + ": " + e.getMessage());
      }
    }
    return b.build();
  }

  private static Flag find(String name) {
    for (Flag f : Flag.values()) {
      if (f.names.contains(name)) {
        return f;
      }
    }
    return null;
  }

  private static BadRunArgException unsupported(int index, String name) {
    return new BadRunArgException(
        index,
        "runArgs: berth does not support the docker run flag '"
            + name
            + "' (supported: --cap-add, --cap-drop, --security-opt, -e/--env, -l/--label,"
            + " --network, --add-host, --init, --privileged, -u/--user, -h/--hostname, --userns,"
            + " -v/--volume, --mount, -p/--publish)");
  }

  private static final class Builder {
    final List<String> capAdd = new ArrayList<>();
    final List<String> capDrop = new ArrayList<>();
    final List<String> securityOpt = new ArrayList<>();
    final Map<String, String> env = new LinkedHashMap<>();
    final Map<String, String> labels = new LinkedHashMap<>();
    Optional<String> network = Optional.empty();
    final List<String> addHosts = new ArrayList<>();
    Optional<Boolean> init = Optional.empty();
    Optional<Boolean> privileged = Optional.empty();
    Optional<String> user = Optional.empty();
    Optional<String> hostname = Optional.empty();
    Optional<String> userns = Optional.empty();
    final List<Mount> mounts = new ArrayList<>();
    final List<PublishedPort> publish = new ArrayList<>();

    void apply(Flag flag, String value, Map<String, String> hostEnv) {
      switch (flag) {
        case CAP_ADD -> capAdd.add(nonEmpty(value));
        case CAP_DROP -> capDrop.add(nonEmpty(value));
        case SECURITY_OPT -> securityOpt.add(nonEmpty(value));
        case ENV -> {
          int eq = value.indexOf('=');
          if (eq == 0 || value.isEmpty()) {
            throw new IllegalArgumentException("'" + value + "' has no variable name");
          }
          if (eq < 0) {
            String v = hostEnv.get(value);
            if (v != null) {
              env.put(value, v);
            }
          } else {
            env.put(value.substring(0, eq), value.substring(eq + 1));
          }
        }
        case LABEL -> {
          int eq = value.indexOf('=');
          if (eq == 0 || value.isEmpty()) {
            throw new IllegalArgumentException("'" + value + "' has no label name");
          }
          labels.put(
              eq < 0 ? value : value.substring(0, eq), eq < 0 ? "" : value.substring(eq + 1));
        }
        case NETWORK -> network = Optional.of(nonEmpty(value));
        case ADD_HOST -> {
          int sep = value.indexOf(':') > 0 ? value.indexOf(':') : value.indexOf('=');
          if (sep <= 0 || sep == value.length() - 1) {
            throw new IllegalArgumentException("expected host:ip, not '" + value + "'");
          }
          addHosts.add(value);
        }
        case INIT -> init = Optional.of(bool(value));
        case PRIVILEGED -> privileged = Optional.of(bool(value));
        case USER -> user = Optional.of(nonEmpty(value));
        case HOSTNAME -> hostname = Optional.of(nonEmpty(value));
        case USERNS -> userns = Optional.of(nonEmpty(value));
        case VOLUME -> mounts.add(volume(value));
        case MOUNT -> mounts.add(Mount.parse(value));
        case PUBLISH -> publish.add(PublishedPort.parse(value));
      }
    }

    RunArgs build() {
      return new RunArgs(
          capAdd,
          capDrop,
          securityOpt,
          env,
          labels,
          network,
          addHosts,
          init,
          privileged,
          user,
          hostname,
          userns,
          mounts,
          publish);
    }
  }

  private static String nonEmpty(String v) {
    if (v.isEmpty()) {
      throw new IllegalArgumentException("the value is empty");
    }
    return v;
  }

  private static boolean bool(String v) {
    if (v == null) {
      return true;
    }
    return switch (v) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw new IllegalArgumentException("expected true or false, not '" + v + "'");
    };
  }

  /** docker's {@code -v [source:]target[:options]}: a source starting with / is a bind mount. */
  static Mount volume(String spec) {
    String[] parts = spec.split(":", -1);
    if (parts.length > 3 || spec.isEmpty()) {
      throw new IllegalArgumentException("expected [source:]target[:options], not '" + spec + "'");
    }
    if (parts.length == 1) {
      return Mount.checked(MountType.VOLUME, null, parts[0], false, Map.of());
    }
    String source = parts[0];
    String target = parts[1];
    boolean readOnly = false;
    Map<String, String> options = new LinkedHashMap<>();
    if (parts.length == 3) {
      for (String o : parts[2].split(",", -1)) {
        switch (o) {
          case "ro" -> readOnly = true;
          case "rw" -> readOnly = false;
          case "z", "Z" -> options.put("selinux-label", o);
          case "shared", "rshared", "slave", "rslave", "private", "rprivate" ->
              options.put("bind-propagation", o);
          case "nocopy" -> options.put("volume-nocopy", "true");
          case "consistent", "cached", "delegated" -> options.put("consistency", o);
          default -> throw new IllegalArgumentException("unknown volume option '" + o + "'");
        }
      }
    }
    if (source.isEmpty()) {
      throw new IllegalArgumentException("the source before ':' is empty");
    }
    if (!source.startsWith("/") && source.contains("/")) {
      throw new IllegalArgumentException(
          "'" + source + "' is a relative path; bind mounts need an absolute host path");
    }
    MountType type = source.startsWith("/") ? MountType.BIND : MountType.VOLUME;
    return Mount.checked(type, source, target, readOnly, options);
  }
}
