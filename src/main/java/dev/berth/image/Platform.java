package dev.berth.image;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** The platform an image or manifest is for, as the OCI image index records it. */
public record Platform(
    String architecture, String os, String variant, String osVersion, List<String> osFeatures) {

  public static final Platform LINUX_AMD64 = new Platform("amd64", "linux", "", "", List.of());

  public Platform {
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(osVersion, "osVersion");
    osFeatures = List.copyOf(osFeatures);
  }

  /** {@code os/architecture}, in the order people write it. */
  public static Platform of(String os, String architecture) {
    return of(os, architecture, "");
  }

  /** {@code os/architecture/variant}, in the order people write it. */
  public static Platform of(String os, String architecture, String variant) {
    return new Platform(architecture, os, variant, "", List.of());
  }

  /** The platform of the machine berth runs on, as Go names it. */
  public static Platform host() {
    String arch = System.getProperty("os.arch", "amd64").toLowerCase(Locale.ROOT);
    String goArch =
        switch (arch) {
          case "x86_64", "amd64" -> "amd64";
          case "aarch64", "arm64" -> "arm64";
          case "x86", "i386", "i686" -> "386";
          case "ppc64le" -> "ppc64le";
          case "s390x" -> "s390x";
          case "riscv64" -> "riscv64";
          default -> arch;
        };
    return of("linux", goArch);
  }

  /** {@code linux/amd64}, {@code linux/arm64/v8}. */
  @Override
  public String toString() {
    return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
  }
}
