package dev.berth.cli;

import dev.berth.app.ContainerNetwork;
import dev.berth.app.DeviceOption;
import dev.berth.app.ExtraHost;
import dev.berth.app.MountOption;
import dev.berth.app.PortOption;
import dev.berth.app.Privileges;
import dev.berth.app.RunExtras;
import dev.berth.app.RunOptions;
import dev.berth.app.SecurityOption;
import dev.berth.app.Settings;
import dev.berth.app.Ulimit;
import dev.berth.diag.BerthException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import picocli.CommandLine.Option;

/** The flags {@code run} and {@code create} share, named and behaving as docker's. */
final class ContainerOptions {

  @Option(names = "--name", paramLabel = "NAME", description = "Name the container.")
  String name;

  @Option(
      names = {"-e", "--env"},
      converter = Converters.PairOrName.class,
      paramLabel = "KEY=VALUE",
      description = "Set a variable (KEY alone takes berth's own value); repeatable.")
  List<KeyValue> env = new ArrayList<>();

  @Option(
      names = "--env-file",
      paramLabel = "FILE",
      description = "Read variables from FILE (KEY=VALUE lines, # comments); repeatable.")
  List<Path> envFiles = new ArrayList<>();

  @Option(
      names = {"-u", "--user"},
      paramLabel = "USER[:GROUP]",
      description = "Run as this user.")
  String user;

  @Option(
      names = {"-w", "--workdir"},
      paramLabel = "DIR",
      description = "The working directory.")
  String workdir;

  @Option(
      names = {"-h", "--hostname"},
      paramLabel = "NAME",
      description = "The container's host name (default: its short ID).")
  String hostname;

  @Option(
      names = {"-l", "--label"},
      converter = Converters.Pair.class,
      paramLabel = "KEY=VALUE",
      description = "A label for the container; repeatable.")
  List<KeyValue> labels = new ArrayList<>();

  @Option(
      names = {"-v", "--volume"},
      converter = Converters.Volume.class,
      paramLabel = "SRC:DST[:ro]",
      description = "Bind-mount a host path, or mount a named volume (made when missing).")
  List<MountOption> volumes = new ArrayList<>();

  @Option(
      names = "--mount",
      converter = Converters.MountSpec.class,
      paramLabel = "type=bind|volume|tmpfs,...",
      description = "A mount: type=bind,source=PATH,target=DIR[,readonly] and the like.")
  List<MountOption> mounts = new ArrayList<>();

  @Option(
      names = "--network",
      converter = Converters.ContainerNet.class,
      paramLabel = "NAME|host|none",
      description =
          "The network (default: $BERTH_NETWORK, else the config file's network, else berth's"
              + " default bridge network).")
  ContainerNetwork network;

  @Option(
      names = "--network-alias",
      paramLabel = "ALIAS",
      description = "Another name the container answers to on its network; repeatable.")
  List<String> aliases = new ArrayList<>();

  @Option(
      names = {"-p", "--publish"},
      converter = Converters.Publish.class,
      paramLabel = "[IP:]HOST:CONTAINER[/tcp|udp]",
      description = "Publish a port on the host; repeatable.")
  List<Converters.Publish.Ports> ports = new ArrayList<>();

  @Option(
      names = "--entrypoint",
      paramLabel = "CMD",
      description = "Replace the image's ENTRYPOINT (\"\" clears it).")
  String entrypoint;

  @Option(names = "--init", description = "Run tini as the container's first process.")
  boolean init;

  @Option(
      names = "--userns",
      paramLabel = "MODE",
      description =
          "host (berth's own user namespace, the default) or keep-id: rootless, the host user's"
              + " UID and GID appear unchanged inside, as the image's user.")
  String userns = "";

  @Option(
      names = "--stop-signal",
      paramLabel = "SIGNAL",
      description = "The signal stop sends first (default: the image's, else SIGTERM).")
  String stopSignal;

  @Option(
      names = "--stop-timeout",
      converter = Converters.Seconds.class,
      paramLabel = "SECONDS",
      description = "How long stop waits before SIGKILL (default 10).")
  Duration stopTimeout;

  @Option(
      names = "--privileged",
      description =
          "Every capability, every device allowed and the host's device nodes, /sys writable,"
              + " no masked paths.")
  boolean privileged;

  @Option(
      names = "--cap-add",
      paramLabel = "CAP",
      description = "Add a capability (NET_ADMIN or CAP_NET_ADMIN, or ALL); repeatable.")
  List<String> capAdd = new ArrayList<>();

  @Option(
      names = "--cap-drop",
      paramLabel = "CAP",
      description = "Drop a capability of docker's default set (or ALL); repeatable.")
  List<String> capDrop = new ArrayList<>();

  @Option(
      names = "--device",
      converter = Converters.Device.class,
      paramLabel = "HOST[:CONTAINER[:PERMS]]",
      description = "Give the container a host device node (PERMS: some of rwm); repeatable.")
  List<DeviceOption> devices = new ArrayList<>();

  @Option(
      names = "--add-host",
      paramLabel = "HOST:IP",
      converter = Converters.AddHost.class,
      description =
          "Add a line to the container's /etc/hosts (HOST=IP too; IP may be host-gateway, the"
              + " host as the container reaches it). Repeatable.")
  List<ExtraHost> addHosts = new ArrayList<>();

  @Option(
      names = "--ulimit",
      paramLabel = "NAME=SOFT[:HARD]",
      converter = Converters.UlimitSpec.class,
      description = "A resource limit, such as nofile=1024:2048 (-1: unlimited). Repeatable.")
  List<Ulimit> ulimits = new ArrayList<>();

  @Option(
      names = "--shm-size",
      paramLabel = "SIZE",
      converter = Converters.Size.class,
      description = "The size of /dev/shm, such as 128m (default 64m).")
  Long shmSize;

  @Option(
      names = "--security-opt",
      converter = Converters.SecurityOpt.class,
      paramLabel = "OPT",
      description =
          "seccomp=unconfined|PROFILE.json (docker's profile format), no-new-privileges[=true],"
              + " label=... or apparmor=... (accepted, not applied: a warning); repeatable.")
  List<SecurityOption> securityOpts = new ArrayList<>();

  @Option(names = "--rm", description = "Remove the container when it exits.")
  boolean rm;

  @Option(
      names = {"-i", "--interactive"},
      description = "Keep stdin open and attached.")
  boolean interactive;

  @Option(
      names = {"-t", "--tty"},
      description = "Give the process a terminal.")
  boolean tty;

  /** The network when no --network is given: the settings' (env, config file), else berth's. */
  private static ContainerNetwork defaultNetwork() throws BerthException {
    return new Converters.ContainerNet()
        .convert(Settings.current(System.getenv()).network().value());
  }

  RunOptions options(String image, List<String> command, boolean detach) throws IOException {
    Map<String, String> vars = new LinkedHashMap<>();
    for (Path f : envFiles) {
      vars.putAll(readEnvFile(f));
    }
    vars.putAll(KeyValue.toMap(env, System::getenv));
    List<MountOption> all = new ArrayList<>(volumes);
    all.addAll(mounts);
    List<PortOption> published = new ArrayList<>();
    ports.forEach(p -> published.addAll(p.list()));
    return new RunOptions(
            image,
            Optional.ofNullable(name),
            command,
            Optional.ofNullable(entrypoint),
            vars,
            Optional.ofNullable(workdir),
            Optional.ofNullable(user),
            Optional.ofNullable(hostname),
            KeyValue.toMap(labels, k -> null),
            all,
            List.of(withAliases(network == null ? defaultNetwork() : network)),
            published,
            init,
            Optional.ofNullable(stopSignal),
            Optional.ofNullable(stopTimeout),
            rm,
            detach,
            interactive,
            tty)
        .withUserns(userns())
        .withPrivileges(new Privileges(privileged, capAdd, capDrop, devices, securityOpts))
        .withExtras(
            new RunExtras(
                addHosts,
                ulimits,
                shmSize == null ? OptionalLong.empty() : OptionalLong.of(shmSize)));
  }

  private RunOptions.Userns userns() throws BerthException {
    try {
      return RunOptions.Userns.parse(userns);
    } catch (IllegalArgumentException e) {
      throw BerthException.invalid(e.getMessage());
    }
  }

  private ContainerNetwork withAliases(ContainerNetwork n) throws BerthException {
    if (aliases.isEmpty()) {
      return n;
    }
    if (n instanceof ContainerNetwork.Named named) {
      return new ContainerNetwork.Named(named.name(), aliases);
    }
    throw BerthException.invalid("--network-alias needs a berth network, not host or none");
  }

  /** docker's env file: {@code KEY=VALUE} lines taken as they are, {@code KEY} alone from ours. */
  static Map<String, String> readEnvFile(Path f) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(f, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw BerthException.invalid("--env-file " + f + ": no such file");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).stripLeading();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        KeyValue kv = KeyValue.parse(line, true);
        if (kv.key().contains(" ")) {
          throw new IllegalArgumentException("variable name has white space");
        }
        kv.value()
            .or(() -> Optional.ofNullable(System.getenv(kv.key())))
            .ifPresent(v -> out.put(kv.key(), v));
      } catch (IllegalArgumentException e) {
        throw BerthException.invalid(f + ":" + (i + 1) + ": " + e.getMessage());
      }
    }
    return out;
  }
}
