package dev.berth.compose;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A top-level named volume; {@code name} defaults to {@code <project>_<key>}. */
public record VolumeConfig(
    String name,
    Optional<String> driver,
    Map<String, String> driverOptions,
    boolean external,
    Map<String, String> labels) {

  public VolumeConfig {
    Objects.requireNonNull(name, "name");
    driverOptions = Map.copyOf(driverOptions);
    labels = Map.copyOf(labels);
  }
}
