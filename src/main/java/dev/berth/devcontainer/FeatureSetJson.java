package dev.berth.devcontainer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code featuresConfiguration} as the reference CLI prints it, without what only its own build
 * has: the scratch folder it copies Features to ({@code dstFolder}, {@code cachePath}).
 */
final class FeatureSetJson {

  private FeatureSetJson() {}

  static ObjectNode render(FeatureSet set) {
    ArrayNode sets = Json.array();
    for (ResolvedFeature f : set.features()) {
      ObjectNode s = Json.object();
      s.set("sourceInformation", source(f));
      ObjectNode feature = Json.object();
      feature.put("id", defaultId(f));
      if (f.reference() instanceof FeatureReference.Local) {
        // The reference CLI names a local Feature after its path until its file names it.
        feature.put("name", f.userFeatureId());
      }
      feature.setAll(Json.copy(f.metadata().json()));
      feature.set("value", f.userOptions());
      feature.put("included", true);
      feature.put("consecutiveId", f.consecutiveId());
      ArrayNode features = Json.array();
      features.add(feature);
      s.set("features", features);
      s.put("internalVersion", "2");
      sets.add(s);
    }
    ObjectNode out = Json.object();
    out.set("featureSets", sets);
    return out;
  }

  private static String defaultId(ResolvedFeature f) {
    if (f.reference() instanceof FeatureReference.Oci o) {
      return o.id();
    }
    return f.directory().getFileName().toString();
  }

  private static ObjectNode source(ResolvedFeature f) {
    ObjectNode s = Json.object();
    if (f.reference() instanceof FeatureReference.Local l) {
      s.put("type", "file-path");
      s.put("resolvedFilePath", l.directory().toString());
      s.put("userFeatureId", l.userFeatureId());
    } else if (f.reference() instanceof FeatureReference.Oci o) {
      s.put("type", "oci");
      f.manifest().ifPresent(m -> s.set("manifest", m));
      f.manifestDigest().ifPresent(d -> s.put("manifestDigest", d));
      ObjectNode ref = Json.object();
      String host = o.registry().replaceFirst(":\\d+$", "");
      ref.put("scheme", host.equals("localhost") ? "http" : "https");
      ref.put("id", o.id());
      ref.put("owner", o.namespace().split("/")[0]);
      ref.put("namespace", o.namespace());
      ref.put("registry", o.registry());
      ref.put("resource", o.resource());
      ref.put("path", o.path());
      ref.put("version", o.version());
      if (o.digest().isPresent()) {
        ref.put("digest", o.digest().get());
      } else {
        ref.put("tag", o.tag().orElse("latest"));
      }
      s.set("featureRef", ref);
      s.put("userFeatureId", o.userFeatureId());
      String withoutVersion = o.userFeatureId().replaceFirst("[:@][^/]*$", "");
      s.put("userFeatureIdWithoutVersion", withoutVersion);
    }
    return s;
  }
}
