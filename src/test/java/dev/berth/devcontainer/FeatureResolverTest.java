package dev.berth.devcontainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.diag.BerthException;
import dev.berth.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeatureResolverTest {

  @TempDir Path ws;

  private void feature(String dir, String json, boolean installSh) throws IOException {
    Path d = ws.resolve(".devcontainer").resolve(dir);
    Files.createDirectories(d);
    Files.writeString(d.resolve("devcontainer-feature.json"), json);
    if (installSh) {
      Files.writeString(d.resolve("install.sh"), "#!/bin/sh\n");
    }
  }

  private LoadedConfig config(String json) throws Exception {
    Files.createDirectories(ws.resolve(".devcontainer"));
    Files.writeString(ws.resolve(".devcontainer/devcontainer.json"), json);
    return new ConfigLoader(Map.of("HOME", "/home/me"), GitRoot.NONE)
        .load(ConfigLoader.Request.of(ws));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({
    "version, VERSION",
    "some-thing, SOME_THING",
    "with.dots, WITH_DOTS",
    "9lives, _LIVES",
    "__x, _X",
    "_1a, _A",
    "ünï, _N_",
    "camelCase, CAMELCASE"
  })
  void optionNames_becomeSafeEnvironmentNames(String option, String env) {
    assertThat(ResolvedFeature.safeId(option)).isEqualTo(env);
  }

  @Test
  void options_areDefaultsOverriddenByTheUsersValues() throws Exception {
    feature(
        "f",
        "{\"id\": \"f\", \"options\": {\"version\": {\"type\": \"string\", \"default\": \"1\"},"
            + " \"flag\": {\"type\": \"boolean\", \"default\": false}, \"some-thing\": {\"type\":"
            + " \"string\", \"default\": \"x\"}, \"none\": {\"type\": \"string\"}}}",
        true);
    FeatureSet set =
        new FeatureResolver(FeatureFetcher.LOCAL_ONLY)
            .resolve(
                config(
                    "{\"image\": \"x\", \"features\": {\"./f\": {\"flag\": true, \"extra\":"
                        + " \"e\"}}}"));
    ResolvedFeature f = set.features().get(0);
    assertThat(f.installEnv())
        .containsExactly(
            Map.entry("VERSION", "1"),
            Map.entry("FLAG", "true"),
            Map.entry("SOME_THING", "x"),
            Map.entry("EXTRA", "e"));
    assertThat(set.warnings())
        .extracting(Diagnostic::message)
        .containsExactly("Feature './f' has no option 'extra'");
  }

  @Test
  void aStringOrBooleanValue_setsTheVersionOption() throws Exception {
    feature(
        "v",
        "{\"id\": \"v\", \"options\": {\"version\": {\"type\": \"string\", \"default\": \"1\"}}}",
        true);
    feature(
        "n",
        "{\"id\": \"n\", \"options\": {\"a\": {\"type\": \"string\", \"default\": \"1\"}}}",
        true);
    FeatureSet set =
        new FeatureResolver(FeatureFetcher.LOCAL_ONLY)
            .resolve(config("{\"image\": \"x\", \"features\": {\"./v\": \"2.0\", \"./n\": true}}"));
    assertThat(set.features().get(0).userFeatureId()).isEqualTo("./n");
    assertThat(set.features().get(0).installEnv()).containsExactly(Map.entry("A", "1"));
    assertThat(set.features().get(1).installEnv()).containsExactly(Map.entry("VERSION", "2.0"));
  }

  @Test
  void featureContributions_areTyped() throws Exception {
    feature(
        "f",
        "{\"id\": \"f\", \"containerEnv\": {\"F\": \"1\"}, \"mounts\":"
            + " [\"type=volume,source=v,target=/v\"], \"entrypoint\": \"/e.sh\", \"capAdd\":"
            + " [\"SYS_PTRACE\"], \"privileged\": true, \"init\": true, \"postCreateCommand\":"
            + " \"echo f\"}",
        true);
    ResolvedFeature f =
        new FeatureResolver(FeatureFetcher.LOCAL_ONLY)
            .resolve(config("{\"image\": \"x\", \"features\": {\"./f\": {}}}"))
            .features()
            .get(0);
    FeatureMetadata m = f.metadata();
    assertThat(m.containerEnv()).containsExactly(Map.entry("F", "1"));
    assertThat(m.contribution().mounts())
        .extracting(ConfigMount::mount)
        .containsExactly(Mount.volume("v", "/v"));
    assertThat(m.contribution().entrypoint()).contains("/e.sh");
    assertThat(m.contribution().capAdd()).containsExactly("SYS_PTRACE");
    assertThat(m.contribution().privileged()).contains(true);
    assertThat(m.contribution().init()).contains(true);
    assertThat(m.contribution().commands()).containsKey(LifecycleHook.POST_CREATE);
    assertThat(f.directory()).isEqualTo(ws.resolve(".devcontainer/f"));
  }

  @Test
  void missingFilesAndBadFeatureFiles_areErrorsNamingTheFeature() throws Exception {
    FeatureResolver r = new FeatureResolver(FeatureFetcher.LOCAL_ONLY);
    LoadedConfig noFolder = config("{\"image\": \"x\", \"features\": {\"./absent\": {}}}");
    assertThat(
            catchThrowableOfType(BerthException.class, () -> r.resolve(noFolder)).first().message())
        .isEqualTo(
            "Feature './absent': the folder "
                + ws.resolve(".devcontainer/absent")
                + " does not exist");
    feature("noinstall", "{\"id\": \"noinstall\"}", false);
    LoadedConfig noInstall = config("{\"image\": \"x\", \"features\": {\"./noinstall\": {}}}");
    assertThat(
            catchThrowableOfType(BerthException.class, () -> r.resolve(noInstall))
                .first()
                .message())
        .endsWith("noinstall/install.sh does not exist");
    feature("bad", "{\"id\": \"bad\", \"capAdd\": \"SYS_PTRACE\",}", true);
    LoadedConfig bad = config("{\"image\": \"x\", \"features\": {\"./bad\": {}}}");
    BerthException e = catchThrowableOfType(BerthException.class, () -> r.resolve(bad));
    assertThat(e.first().toString())
        .isEqualTo(
            ws.resolve(".devcontainer/bad/devcontainer-feature.json")
                + ":1:25: error: capAdd: expected an array of strings");
  }

  @Test
  void ociFeatures_areFetchedThroughTheCallersFetcher() throws Exception {
    Path unpacked = ws.resolve("fetched");
    Files.createDirectories(unpacked);
    Files.writeString(
        unpacked.resolve("devcontainer-feature.json"),
        "{\"id\": \"node\", \"version\": \"1.2.3\"}");
    Files.writeString(unpacked.resolve("install.sh"), "#!/bin/sh\n");
    List<String> asked = new ArrayList<>();
    FeatureFetcher fetcher =
        ref -> {
          asked.add(ref.reference());
          return new FeatureFetcher.Fetched(
              unpacked, Optional.of("sha256:" + "a".repeat(64)), Optional.empty());
        };
    FeatureSet set =
        new FeatureResolver(fetcher)
            .resolve(
                config(
                    "{\"image\": \"x\", \"features\": {\"ghcr.io/devcontainers/features/node:1\":"
                        + " {}}}"));
    assertThat(asked).containsExactly("ghcr.io/devcontainers/features/node:1");
    assertThat(set.features().get(0).manifestDigest()).contains("sha256:" + "a".repeat(64));
    LoadedConfig offline = config("{\"image\": \"x\", \"features\": {\"ghcr.io/x/y/z:1\": {}}}");
    BerthException e =
        catchThrowableOfType(
            BerthException.class,
            () -> new FeatureResolver(FeatureFetcher.LOCAL_ONLY).resolve(offline));
    assertThat(e.first().message())
        .isEqualTo(
            "Feature 'ghcr.io/x/y/z:1': cannot fetch ghcr.io/x/y/z:1: OCI Features are not fetched"
                + " here (ghcr.io/x/y/z:1)");
  }

  @Test
  void metadataEntries_areTheFeaturesContributionsUnderTheirUserIds() throws Exception {
    feature(
        "f",
        "{\"id\": \"f\", \"containerEnv\": {\"F\": \"1\"}, \"capAdd\": [\"X\"], \"name\": \"F\"}",
        true);
    FeatureSet set =
        new FeatureResolver(FeatureFetcher.LOCAL_ONLY)
            .resolve(config("{\"image\": \"x\", \"features\": {\"./f\": {}}}"));
    assertThat(set.metadataEntries())
        .containsExactly((ObjectNode) Json.parse("{\"id\": \"./f\", \"capAdd\": [\"X\"]}"));
  }
}
