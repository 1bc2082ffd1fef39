package dev.berth.cli;

import dev.berth.app.ArchiveFormat;
import dev.berth.app.Mount;
import dev.berth.app.NetworkRequest;
import dev.berth.app.Output;
import dev.berth.app.Secret;
import dev.berth.image.GoDuration;
import dev.berth.image.ImageReference;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
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

  /** {@code HOST:CONTAINER[:ro|rw]}, the host path made absolute. */
  static final class Volume implements ITypeConverter<Mount> {
    @Override
    public Mount convert(String v) {
      String[] parts = v.split(":");
      if (parts.length < 2
          || parts.length > 3
          || parts[0].isEmpty()
          || !parts[1].startsWith("/")
          || (parts.length == 3 && !parts[2].equals("ro") && !parts[2].equals("rw"))) {
        throw new TypeConversionException(
            "'" + v + "': expected HOST:CONTAINER[:ro], with an absolute CONTAINER path");
      }
      Path host = Path.of(parts[0]).toAbsolutePath().normalize();
      return new Mount(host, parts[1], parts.length == 3 && parts[2].equals("ro"));
    }
  }

  /** {@code type=oci|docker,dest=FILE}. */
  static final class OutputSpec implements ITypeConverter<Output> {
    @Override
    public Output convert(String spec) {
      String type = null;
      String dest = null;
      for (String part : spec.split(",")) {
        int eq = part.indexOf('=');
        String k = eq < 0 ? part : part.substring(0, eq);
        String v = eq < 0 ? "" : part.substring(eq + 1);
        switch (k.trim().toLowerCase(Locale.ROOT)) {
          case "type" -> type = v;
          case "dest" -> dest = v;
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
      return new Output(format, Path.of(dest));
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
      String when = value.substring("until=".length());
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
}
