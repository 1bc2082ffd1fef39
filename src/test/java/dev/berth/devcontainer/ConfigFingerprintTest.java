package dev.berth.devcontainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFingerprintTest {

  @TempDir Path ws;

  private LoadedConfig config(String json) throws Exception {
    Files.createDirectories(ws.resolve(".devcontainer"));
    Files.writeString(ws.resolve(".devcontainer/devcontainer.json"), json);
    return new ConfigLoader(Map.of("USER", "me"), GitRoot.NONE).load(ConfigLoader.Request.of(ws));
  }

  private static Map<String, String> dockerfile(String text) {
    return Map.of("Dockerfile", ConfigFingerprint.sha256(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static final String BASE =
      "{\"build\": {\"dockerfile\": \"Dockerfile\"}, \"postCreateCommand\": \"make\","
          + " \"remoteEnv\": {\"A\": \"1\"}}";

  @Test
  void sameInputs_giveTheSameFingerprint_whateverThePropertyOrder() throws Exception {
    ConfigFingerprint a = ConfigFingerprint.of(config(BASE), dockerfile("FROM x"));
    ConfigFingerprint b =
        ConfigFingerprint.of(
            config(
                "{\"remoteEnv\": {\"A\": \"1\"}, \"postCreateCommand\": \"make\", \"build\":"
                    + " {\"dockerfile\": \"Dockerfile\"}}"),
            dockerfile("FROM x"));
    assertThat(b.containerHash()).isEqualTo(a.containerHash());
    assertThat(b.imageHash()).isEqualTo(a.imageHash());
    assertThat(b.changesSince(a)).isEmpty();
  }

  @Test
  void changes_areDescribedInWordsWithWhatTheyCallFor() throws Exception {
    ConfigFingerprint before = ConfigFingerprint.of(config(BASE), dockerfile("FROM x"));
    ConfigFingerprint after =
        ConfigFingerprint.of(
            config(
                "{\"build\": {\"dockerfile\": \"Dockerfile\"}, \"postCreateCommand\": \"make all\","
                    + " \"remoteEnv\": {\"A\": \"2\"}, \"mounts\": [\"type=volume,target=/v\"]}"),
            dockerfile("FROM y"));
    assertThat(after.changesSince(before))
        .containsExactly(
            new ConfigFingerprint.Change(
                "devcontainer.json: mounts added", ConfigFingerprint.Impact.CONTAINER),
            new ConfigFingerprint.Change(
                "devcontainer.json: postCreateCommand changed", ConfigFingerprint.Impact.CONTAINER),
            new ConfigFingerprint.Change(
                "devcontainer.json: remoteEnv changed", ConfigFingerprint.Impact.NONE),
            new ConfigFingerprint.Change("Dockerfile changed", ConfigFingerprint.Impact.IMAGE));
    assertThat(ConfigFingerprint.impactOf(after.changesSince(before)))
        .isEqualTo(ConfigFingerprint.Impact.IMAGE);
  }

  @Test
  void changesThatApplyInPlace_leaveTheHashesAlone() throws Exception {
    ConfigFingerprint before = ConfigFingerprint.of(config(BASE), dockerfile("FROM x"));
    ConfigFingerprint after =
        ConfigFingerprint.of(
            config(
                "{\"build\": {\"dockerfile\": \"Dockerfile\"}, \"postCreateCommand\": \"make\","
                    + " \"remoteEnv\": {\"A\": \"9\"}, \"name\": \"n\", \"postAttachCommand\":"
                    + " \"x\"}"),
            dockerfile("FROM x"));
    assertThat(after.containerHash()).isEqualTo(before.containerHash());
    assertThat(ConfigFingerprint.impactOf(after.changesSince(before)))
        .isEqualTo(ConfigFingerprint.Impact.NONE);
    ConfigFingerprint recreate =
        ConfigFingerprint.of(
            config(BASE.replace("\"make\"", "\"make\", \"containerEnv\": {\"X\": \"1\"}")),
            dockerfile("FROM x"));
    assertThat(recreate.imageHash()).isEqualTo(before.imageHash());
    assertThat(recreate.containerHash()).isNotEqualTo(before.containerHash());
  }

  @Test
  void berthCustomizationsChangeTheImage_otherToolsDoNot() throws Exception {
    ConfigFingerprint before =
        ConfigFingerprint.of(
            config("{\"image\": \"x\", \"customizations\": {\"vscode\": {}}}"), Map.of());
    ConfigFingerprint after =
        ConfigFingerprint.of(
            config(
                "{\"image\": \"x\", \"customizations\": {\"vscode\": {\"a\": 1}, \"berth\":"
                    + " {\"chownPaths\": [\"/v\"]}}}"),
            Map.of());
    assertThat(after.changesSince(before))
        .containsExactly(
            new ConfigFingerprint.Change(
                "devcontainer.json: customizations.berth added", ConfigFingerprint.Impact.IMAGE),
            new ConfigFingerprint.Change(
                "devcontainer.json: customizations.vscode changed", ConfigFingerprint.Impact.NONE));
  }

  @Test
  void localFeatureFiles_areInputsOfTheImage() throws Exception {
    Path f = ws.resolve(".devcontainer/f");
    Files.createDirectories(f);
    Files.writeString(f.resolve("devcontainer-feature.json"), "{\"id\": \"f\"}");
    Files.writeString(f.resolve("install.sh"), "echo 1\n");
    LoadedConfig c = config("{\"image\": \"x\", \"features\": {\"./f\": {}}}");
    FeatureResolver resolver = new FeatureResolver(FeatureFetcher.LOCAL_ONLY);
    ConfigFingerprint before =
        ConfigFingerprint.of(c, ConfigFingerprint.featureDigests(resolver.resolve(c)));
    Files.writeString(f.resolve("install.sh"), "echo 2\n");
    ConfigFingerprint after =
        ConfigFingerprint.of(c, ConfigFingerprint.featureDigests(resolver.resolve(c)));
    assertThat(after.changesSince(before))
        .containsExactly(
            new ConfigFingerprint.Change("Feature ./f changed", ConfigFingerprint.Impact.IMAGE));
  }

  @Test
  void label_roundTrips() throws Exception {
    ConfigFingerprint f = ConfigFingerprint.of(config(BASE), dockerfile("FROM x"));
    ConfigFingerprint back = ConfigFingerprint.fromLabel(f.toLabel());
    assertThat(back.changesSince(f)).isEmpty();
    assertThat(back.containerHash()).isEqualTo(f.containerHash());
    assertThat(f.toLabel()).startsWith("{\"v\":1,\"parts\":{");
  }
}
