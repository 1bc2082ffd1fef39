package dev.berth.devcontainer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One option a Feature declares in its {@code options}.
 *
 * @param type {@code string} or {@code boolean}
 * @param defaultValue the value used when the user gives none
 * @param allowed the only values allowed ({@code enum}); empty when any value is
 */
public record FeatureOption(
    String type,
    Optional<JsonNode> defaultValue,
    Optional<String> description,
    List<String> allowed) {

  public FeatureOption {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(description, "description");
    allowed = List.copyOf(allowed);
  }
}
