package dev.berth.container;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** A named volume: a directory in the store that outlives the containers that mount it. */
public record Volume(String name, Path mountpoint, Instant created, Map<String, String> labels) {
  public Volume {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mountpoint, "mountpoint");
    Objects.requireNonNull(created, "created");
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
  }
}
