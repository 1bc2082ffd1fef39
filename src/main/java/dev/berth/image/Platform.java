package dev.berth.image;

import java.util.List;
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

  public Platform(String os, String architecture) {
    this(architecture, os, "", "", List.of());
  }

  /** {@code linux/amd64}, {@code linux/arm64/v8}. */
  @Override
  public String toString() {
    return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
  }
}
