package dev.berth.cli;

import dev.berth.app.ArchiveFormat;
import dev.berth.app.CacheRef;
import dev.berth.app.CacheSpecs;
import dev.berth.app.CacheTo;
import dev.berth.app.ContainerNetwork;
import dev.berth.app.ContextSource;
import dev.berth.app.DeviceOption;
import dev.berth.app.ExtraHost;
import dev.berth.app.ImageFilter;
import dev.berth.app.MemorySize;
import dev.berth.app.MountOption;
import dev.berth.app.NamedContext;
import dev.berth.app.NetworkRequest;
import dev.berth.app.Output;
import dev.berth.app.PlatformOption;
import dev.berth.app.PortOption;
import dev.berth.app.Secret;
import dev.berth.app.SecurityOption;
import dev.berth.app.Ulimit;
import dev.berth.diag.BerthException;
import dev.berth.image.GoDuration;
import dev.berth.image.ImageReference;
import dev.berth.image.LayerCompression;
import dev.berth.image.Platform;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters: CLI syntax is parsed here, once, into the typed values of {@code app}. */
final class Converters {

  private Converters() {}

  /** {@code NAME[:TAG]}, normalised as docker names images. */
  static final class ImageName implements ITypeConverter<ImageReference> {
    @Override
    public ImageReference convert(String value) {
      try {
        return ImageReference.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code KEY=VALUE}. */
  static final class Pair implements ITypeConverter<KeyValue> {
    @Override
    public KeyValue convert(String value) {
      try {
        return KeyValue.parse(value, false);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code KEY=VALUE} or {@code KEY}, whose value then comes from the environment. */
  static final class PairOrName implements ITypeConverter<KeyValue> {
    @Override
    public KeyValue convert(String value) {
      try {
        return KeyValue.parse(value, true);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code id=ID[,src=FILE|,env=VAR]}, or {@code id=ID} alone for the variable ID. */
  static final class SecretSpec implements ITypeConverter<Secret> {
    @Override
    public Secret convert(String spec) {
      String id = null;
      String src = null;
      String env = null;
      for (String part : spec.split(",")) {
        int eq = part.indexOf('=');
        String k = eq < 0 ? part : part.substring(0, eq);
        String v = eq < 0 ? "" : part.substring(eq + 1);
        switch (k) {
          case "id" -> id = v;
          case "src", "source" -> src = v;
          case "env" -> env = v;
          case "type" -> {
            if (!v.equals("file") && !v.equals("env")) {
              throw new TypeConversionException("'" + spec + "': type must be file or env");
            }
          }
          default ->
              throw new TypeConversionException(
                  "'" + spec + "': unknown key '" + k + "' (expected id, src or env)");
        }
      }
      if (id == null || id.isEmpty()) {
        throw new TypeConversionException("'" + spec + "': id=ID is required");
      }
      if (src != null) {
        return new Secret(id, new Secret.Source.File(Path.of(src)));
      }
      return new Secret(id, new Secret.Source.Env(env != null ? env : id));
    }
  }

  /**
   * {@code -v SOURCE:TARGET[:ro|rw]}: a host path (absolute, or starting with {@code .} or {@code
   * ~}) is a bind mount, a name is a named volume, as docker tells them apart.
   */
  /** {@code --device HOST[:CONTAINER[:PERMS]]}. */
  static final class Device implements ITypeConverter<DeviceOption> {
    @Override
    public DeviceOption convert(String spec) {
      try {
        return DeviceOption.parse(spec);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code --security-opt KEY=VALUE}, as docker reads it. */
  static final class SecurityOpt implements ITypeConverter<SecurityOption> {
    @Override
    public SecurityOption convert(String spec) {
      try {
        return SecurityOption.parse(spec);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  static final class Volume implements ITypeConverter<MountOption> {
    @Override
    public MountOption convert(String v) {
      String[] parts = v.split(":");
      if (parts.length == 1 && parts[0].startsWith("/")) {
        throw new TypeConversionException(
            "'" + v + "': anonymous volumes are not supported; name one: -v NAME:" + parts[0]);
      }
      if (parts.length < 2
          || parts.length > 3
          || parts[0].isEmpty()
          || !parts[1].startsWith("/")
          || (parts.length == 3 && !parts[2].equals("ro") && !parts[2].equals("rw"))) {
        throw new TypeConversionException(
            "'"
                + v
                + "': expected HOST:CONTAINER[:ro] or NAME:CONTAINER[:ro], with an absolute"
                + " CONTAINER path");
      }
      boolean ro = parts.length == 3 && parts[2].equals("ro");
      String src = parts[0];
      if (src.startsWith("/") || src.startsWith(".") || src.startsWith("~")) {
        if (src.startsWith("~")) {
          src = System.getProperty("user.home") + src.substring(1);
        }
        return new MountOption.Bind(Path.of(src).toAbsolutePath().normalize(), parts[1], ro);
      }
      if (!src.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
        throw new TypeConversionException(
            "'" + v + "': \"" + src + "\" is neither an absolute path nor a volume name");
      }
      return new MountOption.Volume(src, parts[1], ro);
    }
  }

  /**
   * {@code --mount type=bind|volume|tmpfs,source=...,target=...[,readonly][,tmpfs-size=...]}, with
   * docker's key names and their short forms.
   */
  static final class MountSpec implements ITypeConverter<MountOption> {
    @Override
    public MountOption convert(String spec) {
      String type = "volume";
      String source = null;
      String target = null;
      boolean ro = false;
      List<String> tmpfs = new ArrayList<>();
      for (String part : spec.split(",")) {
        int eq = part.indexOf('=');
        String k = (eq < 0 ? part : part.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
        String v = eq < 0 ? "" : part.substring(eq + 1);
        switch (k) {
          case "type" -> type = v;
          case "source", "src" -> source = v;
          case "target", "destination", "dst" -> target = v;
          case "readonly", "ro" -> ro = eq < 0 || v.equals("true") || v.equals("1");
          case "tmpfs-size" -> tmpfs.add("size=" + v);
          case "tmpfs-mode" -> tmpfs.add("mode=" + v);
          case "bind-propagation", "consistency", "volume-nocopy" -> {
            // accepted for compatibility; berth's defaults apply
          }
          default -> throw new TypeConversionException("'" + spec + "': unknown key '" + k + "'");
        }
      }
      if (target == null || !target.startsWith("/")) {
        throw new TypeConversionException("'" + spec + "': target=/ABSOLUTE/PATH is required");
      }
      return switch (type) {
        case "bind" -> {
          if (source == null || source.isEmpty()) {
            throw new TypeConversionException("'" + spec + "': a bind mount needs source=PATH");
          }
          yield new MountOption.Bind(Path.of(source).toAbsolutePath().normalize(), target, ro);
        }
        case "volume" -> {
          if (source == null || source.isEmpty()) {
            throw new TypeConversionException("'" + spec + "': name the volume: source=NAME");
          }
          yield new MountOption.Volume(source, target, ro);
        }
        case "tmpfs" -> new MountOption.Tmpfs(target, tmpfs);
        default ->
            throw new TypeConversionException(
                "'" + spec + "': type must be bind, volume or tmpfs, not '" + type + "'");
      };
    }
  }

  /**
   * {@code -p [IP:]HOST:CONTAINER[/tcp|udp]}, where HOST and CONTAINER may be ranges of the same
   * length ({@code 8000-8002:9000-9002}).
   */
  static final class Publish implements ITypeConverter<Publish.Ports> {
    /** The ports one {@code -p} publishes (several for a range). */
    record Ports(List<PortOption> list) {}

    @Override
    public Ports convert(String spec) {
      String s = spec;
      String proto = "tcp";
      int slash = s.lastIndexOf('/');
      if (slash >= 0) {
        proto = s.substring(slash + 1).toLowerCase(Locale.ROOT);
        s = s.substring(0, slash);
      }
      if (!proto.equals("tcp") && !proto.equals("udp")) {
        throw new TypeConversionException("'" + spec + "': the protocol must be tcp or udp");
      }
      String[] parts = s.split(":");
      String ip = "";
      String host;
      String container;
      if (parts.length == 3) {
        ip = parts[0];
        host = parts[1];
        container = parts[2];
      } else if (parts.length == 2) {
        host = parts[0];
        container = parts[1];
      } else {
        throw new TypeConversionException(
            "'"
                + spec
                + "': expected [IP:]HOST:CONTAINER[/tcp|udp] (berth publishes on a given"
                + " host port only)");
      }
      int[] h = range(host, spec);
      int[] c = range(container, spec);
      if (h[1] - h[0] != c[1] - c[0]) {
        throw new TypeConversionException("'" + spec + "': the two port ranges differ in length");
      }
      List<PortOption> out = new ArrayList<>();
      for (int i = 0; i <= h[1] - h[0]; i++) {
        out.add(new PortOption(ip, h[0] + i, c[0] + i, proto));
      }
      return new Ports(out);
    }

    private static int[] range(String r, String spec) {
      try {
        int dash = r.indexOf('-');
        int lo = Integer.parseInt(dash < 0 ? r : r.substring(0, dash));
        int hi = dash < 0 ? lo : Integer.parseInt(r.substring(dash + 1));
        if (lo < 1 || hi > 65535 || hi < lo) {
          throw new NumberFormatException();
        }
        return new int[] {lo, hi};
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + spec + "': '" + r + "' is not a port (1-65535)");
      }
    }
  }

  /** {@code --network host|none|NAME} for containers. */
  static final class ContainerNet implements ITypeConverter<ContainerNetwork> {
    @Override
    public ContainerNetwork convert(String value) {
      return switch (value) {
        case "host" -> new ContainerNetwork.Host();
        case "none" -> new ContainerNetwork.None();
        case "bridge", "default" -> ContainerNetwork.standard();
        default -> new ContainerNetwork.Named(value, List.of());
      };
    }
  }

  /** A duration in whole seconds ({@code -t 10}, {@code --stop-timeout 5}). */
  static final class Seconds implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        int n = Integer.parseInt(value);
        if (n < 0) {
          throw new NumberFormatException();
        }
        return Duration.ofSeconds(n);
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "': expected a whole number of seconds");
      }
    }
  }

  /** {@code --cache-from}: {@code type=registry,ref=REF}, {@code type=local,src=DIR} or REF. */
  static final class CacheFromSpec implements ITypeConverter<CacheRef> {
    @Override
    public CacheRef convert(String spec) {
      try {
        return CacheSpecs.from(spec, "--cache-from");
      } catch (BerthException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code --cache-to}: {@code type=registry,ref=REF} or {@code type=local,dest=DIR}, mode. */
  static final class CacheToSpec implements ITypeConverter<CacheTo> {
    @Override
    public CacheTo convert(String spec) {
      try {
        return CacheSpecs.to(spec, "--cache-to");
      } catch (BerthException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /**
   * {@code type=oci|docker,dest=FILE}, with BuildKit's {@code compression=gzip|zstd|uncompressed},
   * {@code compression-level=N} and {@code force-compression=true|false}.
   */
  static final class OutputSpec implements ITypeConverter<Output> {
    @Override
    public Output convert(String spec) {
      String type = null;
      String dest = null;
      String compression = null;
      Integer level = null;
      boolean force = false;
      for (String part : spec.split(",")) {
        int eq = part.indexOf('=');
        String k = eq < 0 ? part : part.substring(0, eq);
        String v = eq < 0 ? "" : part.substring(eq + 1);
        switch (k.trim().toLowerCase(Locale.ROOT)) {
          case "type" -> type = v;
          case "dest" -> dest = v;
          case "compression" -> compression = v;
          case "compression-level" -> level = integer(spec, k, v);
          case "force-compression" -> force = bool(spec, k, v);
          default -> throw new TypeConversionException("'" + spec + "': unknown key '" + k + "'");
        }
      }
      if (type == null || dest == null || dest.isEmpty()) {
        throw new TypeConversionException("'" + spec + "': expected type=oci|docker,dest=FILE");
      }
      ArchiveFormat format =
          switch (type) {
            case "oci" -> ArchiveFormat.OCI;
            case "docker" -> ArchiveFormat.DOCKER;
            default ->
                throw new TypeConversionException(
                    "invalid --output type '" + type + "': expected oci or docker");
          };
      try {
        LayerCompression layers =
            compression == null && level == null && !force
                ? LayerCompression.DEFAULT
                : LayerCompression.parse(compression, level, force, "--output compression");
        return new Output(format, Path.of(dest), layers);
      } catch (BerthException e) {
        throw new TypeConversionException("'" + spec + "': " + e.getMessage());
      }
    }

    private static int integer(String spec, String key, String value) {
      try {
        return Integer.parseInt(value.trim());
      } catch (NumberFormatException e) {
        throw new TypeConversionException(
            "'" + spec + "': " + key + " must be a whole number, not '" + value + "'");
      }
    }

    private static boolean bool(String spec, String key, String value) {
      return switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "", "true" -> true;
        case "false" -> false;
        default ->
            throw new TypeConversionException(
                "'" + spec + "': " + key + " must be true or false, not '" + value + "'");
      };
    }
  }

  /**
   * {@code until=WHEN}, as docker's prune filters take it: a Go duration back from now ({@code
   * 24h}), an RFC 3339 time, or Unix seconds.
   */
  static final class Until implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      if (!value.startsWith("until=")) {
        throw new TypeConversionException("'" + value + "': expected until=WHEN");
      }
      return when(value.substring("until=".length()));
    }

    /** A duration back from now, an RFC 3339 time or Unix seconds. */
    static Instant when(String when) {
      Optional<Duration> ago = GoDuration.parse(when);
      if (ago.isPresent()) {
        return Instant.now().minus(ago.get());
      }
      if (!when.isEmpty() && when.chars().allMatch(Character::isDigit)) {
        return Instant.ofEpochSecond(Long.parseLong(when));
      }
      try {
        return OffsetDateTime.parse(when).toInstant();
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(
            "'" + when + "': expected a duration such as 24h, an RFC 3339 time or Unix seconds");
      }
    }
  }

  /** {@code image prune}'s {@code --filter}: {@code until=WHEN}, {@code label[!]=KEY[=VALUE]}. */
  static final class PruneFilter implements ITypeConverter<ImageFilter> {
    @Override
    public ImageFilter convert(String value) {
      if (value.startsWith("until=")) {
        return new ImageFilter.Until(Until.when(value.substring("until=".length())));
      }
      try {
        return ImageFilter.label(value);
      } catch (BerthException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code host} or {@code none}. */
  static final class Network implements ITypeConverter<NetworkRequest> {
    @Override
    public NetworkRequest convert(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "host" -> NetworkRequest.HOST;
        case "none" -> NetworkRequest.NONE;
        default -> throw new TypeConversionException("'" + value + "': expected host or none");
      };
    }
  }

  /** {@code berth build}'s CONTEXT: a directory, {@code -}, or a git URL (never a folder). */
  static final class BuildContext implements ITypeConverter<ContextSource> {
    @Override
    public ContextSource convert(String value) {
      try {
        return ContextSource.parse(value);
      } catch (BerthException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code --build-context NAME=PATH|docker-image://REF|GIT-URL}. */
  static final class BuildContextSpec implements ITypeConverter<BuildContextOption> {
    @Override
    public BuildContextOption convert(String value) {
      try {
        NamedContext.Named n = NamedContext.parse(value);
        return new BuildContextOption(n.name(), n.context());
      } catch (BerthException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code --add-host HOST:IP}. */
  static final class AddHost implements ITypeConverter<ExtraHost> {
    @Override
    public ExtraHost convert(String value) {
      try {
        return ExtraHost.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code --ulimit NAME=SOFT[:HARD]}. */
  static final class UlimitSpec implements ITypeConverter<Ulimit> {
    @Override
    public Ulimit convert(String value) {
      try {
        return Ulimit.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** A size in bytes with docker's units: {@code 128m}, {@code 1g}. */
  static final class Size implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        long v = MemorySize.parse(value);
        if (v <= 0) {
          throw new TypeConversionException("the size must be more than 0, not '" + value + "'");
        }
        return v;
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code --platform}: only this machine's. */
  static final class HostPlatform implements ITypeConverter<Platform> {
    @Override
    public Platform convert(String value) {
      try {
        return PlatformOption.parse(value, Platform.host());
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** A Python 3 version: {@code 3.12} or {@code 3.12.4}. */
  static final class PythonVersion implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (!value.matches("3\\.[0-9]+(\\.[0-9]+)?")) {
        throw new TypeConversionException(
            "'" + value + "' is not a Python 3 version: expected one such as 3.12");
      }
      return value;
    }
  }

  /** A TCP port, 1 to 65535. */
  static final class PortNumber implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        int p = Integer.parseInt(value);
        if (p >= 1 && p <= 65535) {
          return p;
        }
      } catch (NumberFormatException e) {
        // reported below, as any other value out of range
      }
      throw new TypeConversionException("'" + value + "' is not a port: expected 1 to 65535");
    }
  }
}
