package dev.berth.devcontainer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One entry of the {@code features} object: which Feature, and the options the user gave it (an
 * object of option values, or a string or boolean, which sets the {@code version} option when the
 * Feature has one).
 */
public record FeatureRequest(FeatureReference reference, JsonNode options) {

  public FeatureRequest {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(options, "options");
  }

  public String userFeatureId() {
    return reference.userFeatureId();
  }
}
