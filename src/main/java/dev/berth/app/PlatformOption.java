package dev.berth.app;

import dev.berth.image.Platform;
import java.util.Locale;
import java.util.Set;

/**
 * {@code --platform OS/ARCH[/VARIANT]} for a build: berth runs RUN steps natively and has no
 * emulation, so only this machine's own platform is accepted (any variant of its architecture, such
 * as {@code linux/amd64/v2}), and anything else is refused with a message that says why.
 */
public final class PlatformOption {

  private static final Set<String> AMD64_VARIANTS = Set.of("v1", "v2", "v3", "v4");

  private PlatformOption() {}

  /**
   * @throws IllegalArgumentException for a malformed value or another machine's platform
   */
  public static Platform parse(String spec, Platform host) {
    String value = spec.strip().toLowerCase(Locale.ROOT);
    if (value.contains(",")) {
      throw new IllegalArgumentException(
          "--platform " + spec + ": berth builds for one platform, this machine's (" + host + ")");
    }
    String[] parts = value.split("/", -1);
    if (parts.length > 3 || value.isEmpty() || java.util.Arrays.asList(parts).contains("")) {
      throw new IllegalArgumentException(
          "--platform " + spec + ": expected OS/ARCH[/VARIANT], such as " + host);
    }
    String os = parts.length == 1 ? host.os() : parts[0];
    String arch = normalise(parts.length == 1 ? parts[0] : parts[1]);
    String variant = parts.length == 3 ? parts[2] : "";
    if (arch.equals("arm64") && variant.equals("v8")) {
      variant = "";
    }
    boolean same =
        os.equals(host.os())
            && arch.equals(host.architecture())
            && (variant.isEmpty()
                || (arch.equals("amd64") && AMD64_VARIANTS.contains(variant))
                || variant.equals(host.variant()));
    if (!same) {
      throw new IllegalArgumentException(
          "--platform "
              + spec
              + ": berth builds only for this machine's platform, "
              + host
              + " (it runs RUN steps natively and has no emulation)");
    }
    return Platform.of(os, arch, variant);
  }

  private static String normalise(String arch) {
    return switch (arch) {
      case "x86_64", "x86-64" -> "amd64";
      case "aarch64" -> "arm64";
      default -> arch;
    };
  }
}
