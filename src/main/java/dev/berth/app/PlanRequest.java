package dev.berth.app;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What {@code berth plan} (and later {@code berth build}) asks for: a target and build args. */
public record PlanRequest(Optional<String> target, Map<String, String> buildArgs) {

  public PlanRequest {
    Objects.requireNonNull(target, "target");
    buildArgs = Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
  }

  /** The last stage, no build args. */
  public static PlanRequest defaults() {
    return new PlanRequest(Optional.empty(), Map.of());
  }
}
