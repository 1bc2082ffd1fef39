package dev.berth.devcontainer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.diag.Diagnostic;
import java.util.List;

/** The Features of a dev container, in the order they install, and what resolving them warned. */
public record FeatureSet(List<ResolvedFeature> features, List<Diagnostic> warnings) {

  public static final FeatureSet EMPTY = new FeatureSet(List.of(), List.of());

  public FeatureSet {
    features = List.copyOf(features);
    warnings = List.copyOf(warnings);
  }

  /**
   * Each Feature's entry in the image metadata chain, as its file wrote it: {@code id} (the
   * identifier devcontainer.json used) and the properties a Feature contributes.
   */
  public List<ObjectNode> metadataEntries() {
    return features.stream()
        .map(
            f -> {
              ObjectNode e = Json.object();
              e.put("id", f.userFeatureId());
              e.setAll(MetadataEntry.pick(f.metadata().json(), MetadataEntry.FEATURE_PROPERTIES));
              return e;
            })
        .toList();
  }
}
