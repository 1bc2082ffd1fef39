package dev.berth.devcontainer;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Feature ready to install: where it is, what its devcontainer-feature.json says, and the options
 * it was asked for.
 *
 * @param directory the folder holding {@code install.sh} (a local Feature's own folder, or where
 *     the fetcher unpacked an OCI Feature)
 * @param manifestDigest for an OCI Feature, the digest of the manifest fetched
 * @param consecutiveId {@code <id>_<position in the install order>}, the reference CLI's name for
 *     the Feature's folder in the build
 */
public record ResolvedFeature(
    FeatureReference reference,
    FeatureMetadata metadata,
    JsonNode userOptions,
    Path directory,
    Optional<String> manifestDigest,
    Optional<JsonNode> manifest,
    String consecutiveId) {

  public ResolvedFeature {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(userOptions, "userOptions");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(manifestDigest, "manifestDigest");
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(consecutiveId, "consecutiveId");
  }

  public String userFeatureId() {
    return reference.userFeatureId();
  }

  ResolvedFeature withConsecutiveId(String id) {
    return new ResolvedFeature(
        reference, metadata, userOptions, directory, manifestDigest, manifest, id);
  }

  /**
   * Every option's value: the declared defaults, overridden by what the user gave (a string or
   * boolean instead of an object sets {@code version} when the Feature has that option).
   */
  public Map<String, String> optionValues() {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    metadata.options().forEach((k, o) -> o.defaultValue().ifPresent(d -> values.put(k, d)));
    if (userOptions.isObject()) {
      userOptions.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
    } else if (metadata.options().containsKey("version")) {
      values.put("version", userOptions);
    }
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, v.isTextual() ? v.textValue() : Json.stringify(v)));
    return Collections.unmodifiableMap(out);
  }

  /**
   * The environment {@code install.sh} runs with: each option under its upper-cased safe name
   * ({@code some-thing} becomes {@code SOME_THING}), as the specification says.
   */
  public Map<String, String> installEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    optionValues().forEach((k, v) -> env.put(safeId(k), v));
    return Collections.unmodifiableMap(env);
  }

  /**
   * An option name as an environment variable name: characters other than letters, digits and
   * {@code _} become {@code _}, a leading run of digits and underscores becomes one {@code _}, and
   * the whole is upper-cased.
   */
  public static String safeId(String name) {
    return name.replaceAll("[^A-Za-z0-9_]", "_")
        .replaceFirst("^[0-9_]+", "_")
        .toUpperCase(Locale.ROOT);
  }
}
