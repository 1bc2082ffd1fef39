package dev.berth.devcontainer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.diag.BerthException;
import dev.berth.diag.Diagnostic;
import dev.berth.diag.SourceRange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Resolves the {@code features} of a configuration: reads each Feature's devcontainer-feature.json
 * (from its folder, or from where the fetcher unpacked an OCI Feature), adds the Features they
 * {@code dependsOn}, and orders them for installation.
 */
public final class FeatureResolver {

  private final FeatureFetcher fetcher;

  public FeatureResolver(FeatureFetcher fetcher) {
    this.fetcher = fetcher;
  }

  /**
   * @throws BerthException for a Feature that cannot be found or read (placed at its entry in
   *     devcontainer.json, or in its own file), and for a dependency cycle
   */
  public FeatureSet resolve(LoadedConfig loaded) throws BerthException, IOException {
    DevContainerConfig config = loaded.config();
    JsoncDocument doc = loaded.document();
    List<Diagnostic> warnings = new ArrayList<>();
    List<ResolvedFeature> resolved = new ArrayList<>();
    List<List<Integer>> dependsOn = new ArrayList<>();
    Deque<Integer> todo = new ArrayDeque<>();
    for (FeatureRequest r : config.features()) {
      SourceRange at = doc.rangeOf(JsoncDocument.child("/features", r.userFeatureId()));
      resolved.add(read(r, at, warnings));
      dependsOn.add(new ArrayList<>());
      todo.add(resolved.size() - 1);
    }
    while (!todo.isEmpty()) {
      int k = todo.poll();
      ResolvedFeature f = resolved.get(k);
      for (var dep : f.metadata().dependsOn().entrySet()) {
        SourceRange at = SourceRange.file(f.directory().resolve(FEATURE_FILE).toString());
        FeatureReference ref = parseOrThrow(dep.getKey(), loaded, at, f.userFeatureId());
        int existing = indexOf(resolved, ref, dep.getValue());
        if (existing < 0) {
          resolved.add(read(new FeatureRequest(ref, dep.getValue()), at, warnings));
          dependsOn.add(new ArrayList<>());
          existing = resolved.size() - 1;
          todo.add(existing);
        }
        dependsOn.get(k).add(existing);
      }
    }
    List<FeatureInstallOrder.Node> nodes = new ArrayList<>();
    for (int k = 0; k < resolved.size(); k++) {
      ResolvedFeature f = resolved.get(k);
      List<FeatureReference> after = new ArrayList<>();
      for (String id : f.metadata().installsAfter()) {
        try {
          after.add(FeatureReference.parse(id, loaded.configFile(), loaded.workspaceFolder()));
        } catch (IllegalArgumentException e) {
          warnings.add(
              Diagnostic.warning(
                  "bad-installs-after",
                  "Feature '"
                      + f.userFeatureId()
                      + "': installsAfter '"
                      + id
                      + "' is ignored: "
                      + e.getMessage(),
                  SourceRange.file(f.directory().resolve(FEATURE_FILE).toString())));
        }
      }
      nodes.add(new FeatureInstallOrder.Node(f, dependsOn.get(k), after));
    }
    List<FeatureReference> overrides = new ArrayList<>();
    List<String> overrideIds = config.overrideFeatureInstallOrder();
    for (int i = 0; i < overrideIds.size(); i++) {
      SourceRange at = doc.rangeOf(JsoncDocument.child("/overrideFeatureInstallOrder", i));
      FeatureReference ref = parseOrThrow(overrideIds.get(i), loaded, at, null);
      if (resolved.stream().noneMatch(f -> FeatureInstallOrder.matches(ref, f))) {
        warnings.add(
            Diagnostic.warning(
                "unused-override",
                "overrideFeatureInstallOrder names '"
                    + overrideIds.get(i)
                    + "', which is not installed",
                at));
      }
      overrides.add(ref);
    }
    List<ResolvedFeature> ordered;
    try {
      ordered = FeatureInstallOrder.order(nodes, overrides);
    } catch (IllegalArgumentException e) {
      throw BerthException.error("feature-cycle", e.getMessage(), doc.rangeOf("/features"));
    }
    List<ResolvedFeature> numbered = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      ResolvedFeature f = ordered.get(i);
      numbered.add(f.withConsecutiveId(f.metadata().id() + "_" + i));
    }
    return new FeatureSet(numbered, warnings);
  }

  static final String FEATURE_FILE = "devcontainer-feature.json";

  private static FeatureReference parseOrThrow(
      String id, LoadedConfig loaded, SourceRange at, String neededBy) throws BerthException {
    try {
      return FeatureReference.parse(id, loaded.configFile(), loaded.workspaceFolder());
    } catch (IllegalArgumentException e) {
      String who = neededBy == null ? "" : " (a dependency of '" + neededBy + "')";
      throw BerthException.error(
          "unsupported-feature", "Feature '" + id + "'" + who + ": " + e.getMessage(), at);
    }
  }

  private static int indexOf(
      List<ResolvedFeature> resolved, FeatureReference ref, JsonNode options) {
    for (int i = 0; i < resolved.size(); i++) {
      ResolvedFeature f = resolved.get(i);
      if (FeatureInstallOrder.matches(ref, f)
          && Json.canonical(f.userOptions()).equals(Json.canonical(options))) {
        return i;
      }
    }
    return -1;
  }

  private ResolvedFeature read(FeatureRequest request, SourceRange at, List<Diagnostic> warnings)
      throws BerthException, IOException {
    String id = request.userFeatureId();
    Path dir;
    Optional<String> digest = Optional.empty();
    Optional<JsonNode> manifest = Optional.empty();
    if (request.reference() instanceof FeatureReference.Local l) {
      dir = l.directory();
      if (!Files.isDirectory(dir)) {
        throw BerthException.error(
            "no-feature", "Feature '" + id + "': the folder " + dir + " does not exist", at);
      }
    } else if (request.reference() instanceof FeatureReference.Oci o) {
      FeatureFetcher.Fetched fetched;
      try {
        fetched = fetcher.fetch(o);
      } catch (IOException e) {
        throw BerthException.error(
            "feature-fetch",
            "Feature '" + id + "': cannot fetch " + o.reference() + ": " + e.getMessage(),
            at);
      }
      dir = fetched.directory();
      digest = fetched.manifestDigest();
      manifest = fetched.manifest();
    } else {
      throw new AssertionError(request.reference());
    }
    Path file = dir.resolve(FEATURE_FILE);
    if (!Files.isRegularFile(file)) {
      throw BerthException.error(
          "no-feature", "Feature '" + id + "': " + file + " does not exist", at);
    }
    if (!Files.isRegularFile(dir.resolve("install.sh"))) {
      throw BerthException.error(
          "no-feature",
          "Feature '" + id + "': " + dir.resolve("install.sh") + " does not exist",
          at);
    }
    JsoncDocument doc =
        JsoncDocument.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    Findings findings = Findings.strict(doc);
    FeatureMetadata metadata = FeatureMetadata.read(doc, findings);
    warnings.addAll(findings.warningsOrThrow());
    JsonNode options = request.options();
    if (options.isObject()) {
      options
          .fieldNames()
          .forEachRemaining(
              o -> {
                if (!metadata.options().containsKey(o)) {
                  warnings.add(
                      Diagnostic.warning(
                          "unknown-feature-option",
                          "Feature '" + id + "' has no option '" + o + "'",
                          at));
                }
              });
    }
    return new ResolvedFeature(request.reference(), metadata, options, dir, digest, manifest, "");
  }
}
