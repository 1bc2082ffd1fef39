package dev.berth.check;

import dev.berth.image.Platform;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads a platform specifier ({@code linux/amd64}, {@code arm64}) as containerd's parser does. */
final class Platforms {

  private static final Pattern COMPONENT = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Set<String> OSES =
      Set.of(
          "aix",
          "android",
          "darwin",
          "dragonfly",
          "freebsd",
          "illumos",
          "ios",
          "js",
          "linux",
          "netbsd",
          "openbsd",
          "plan9",
          "solaris",
          "wasip1",
          "windows");

  private Platforms() {}

  static Optional<Platform> parse(String spec, Platform host) {
    String[] parts = spec.split("/", -1);
    if (parts.length == 0 || parts.length > 3) {
      return Optional.empty();
    }
    for (String p : parts) {
      if (!COMPONENT.matcher(p).matches()) {
        return Optional.empty();
      }
    }
    String first = parts[0].toLowerCase(Locale.ROOT);
    if (parts.length == 1) {
      return Optional.of(
          OSES.contains(first)
              ? Platform.of(first, host.architecture(), host.variant())
              : Platform.of(host.os(), arch(first), ""));
    }
    String variant = parts.length == 3 ? parts[2].toLowerCase(Locale.ROOT) : "";
    return Optional.of(Platform.of(first, arch(parts[1].toLowerCase(Locale.ROOT)), variant));
  }

  private static String arch(String a) {
    return switch (a) {
      case "x86_64", "x86-64" -> "amd64";
      case "aarch64" -> "arm64";
      case "i386", "i686" -> "386";
      case "armhf", "armel" -> "arm";
      default -> a;
    };
  }
}
