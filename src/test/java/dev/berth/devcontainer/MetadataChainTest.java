package dev.berth.devcontainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.diag.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataChainTest {

  @TempDir Path ws;

  private LoadedConfig config(String json) throws Exception {
    Files.createDirectories(ws.resolve(".devcontainer"));
    Files.writeString(ws.resolve(".devcontainer/devcontainer.json"), json);
    return new ConfigLoader(Map.of("HOME", "/home/me"), GitRoot.NONE)
        .load(ConfigLoader.Request.of(ws));
  }

  @Test
  void label_mayBeAnArrayOrOneObject() {
    assertThat(MetadataLabel.parse("[{\"a\": 1}, {\"b\": 2}]", "img").entries()).hasSize(2);
    assertThat(MetadataLabel.parse("{\"remoteUser\": \"x\"}", "img").entries())
        .containsExactly((ObjectNode) Json.parse("{\"remoteUser\": \"x\"}"));
  }

  @Test
  void badLabels_areWarnedAboutAndIgnored() {
    MetadataLabel.Parsed notJson = MetadataLabel.parse("[{", "img");
    assertThat(notJson.entries()).isEmpty();
    assertThat(notJson.warnings())
        .extracting(Diagnostic::toString)
        .singleElement()
        .asString()
        .startsWith(
            "img label devcontainer.metadata: warning: the image metadata is not valid JSON");
    MetadataLabel.Parsed mixed = MetadataLabel.parse("[1, {\"a\": 1}]", "img");
    assertThat(mixed.entries()).hasSize(1);
    assertThat(mixed.warnings()).hasSize(1);
    assertThat(MetadataLabel.parse("\"x\"", "img").warnings()).hasSize(1);
  }

  @Test
  void labelOfABuiltImage_holdsTheEntriesAsWritten() throws Exception {
    LoadedConfig c =
        config(
            "{\"image\": \"x\", \"name\": \"not metadata\", \"remoteEnv\": {\"H\":"
                + " \"${localEnv:HOME}\"}, \"postCreateCommand\": \"make\"}");
    List<ObjectNode> base = MetadataLabel.parse("[{\"remoteUser\": \"base\"}]", "img").entries();
    MetadataChain chain = MetadataChain.of(c, base, FeatureSet.EMPTY);
    assertThat(chain.labelValue())
        .isEqualTo(
            "[{\"remoteUser\":\"base\"},{\"postCreateCommand\":\"make\",\"remoteEnv\":{\"H\":\"${localEnv:HOME}\"}}]");
    assertThat(MetadataLabel.parse(chain.labelValue(), "built").entries()).isEqualTo(chain.raw());
    assertThat(chain.merged().remoteEnv()).containsExactly(Map.entry("H", Optional.of("/home/me")));
    assertThat(chain.merged().remoteUser()).contains("base");
  }

  @Test
  void baseImageEntries_getTheLocalSubstitutionAndLaterPhases() throws Exception {
    LoadedConfig c = config("{\"image\": \"x\"}");
    List<ObjectNode> base =
        MetadataLabel.parse(
                "[{\"containerEnv\": {\"H\": \"${localEnv:HOME}\"}, \"remoteEnv\": {\"P\":"
                    + " \"${containerEnv:PATH}\"}, \"mounts\":"
                    + " [\"type=volume,source=v-${devcontainerId},target=/v\"]}]",
                "img")
            .entries();
    MetadataChain chain = MetadataChain.of(c, base, FeatureSet.EMPTY);
    assertThat(chain.merged().containerEnv()).containsExactly(Map.entry("H", "/home/me"));
    MetadataChain running =
        chain.withDevcontainerId("id1").withContainerEnv(Map.of("PATH", "/bin"));
    assertThat(running.merged().remoteEnv()).containsExactly(Map.entry("P", Optional.of("/bin")));
    assertThat(running.merged().mounts().get(0).mount().source()).contains("v-id1");
    assertThat(running.labelValue()).isEqualTo(chain.labelValue());
  }

  @Test
  void wrongValuesInALabel_areWarningsAndLeftOut() throws Exception {
    LoadedConfig c = config("{\"image\": \"x\"}");
    List<ObjectNode> base =
        MetadataLabel.parse(
                "[{\"capAdd\": \"NET_ADMIN\", \"init\": true, \"mounts\": [\"target=\"]}]", "img")
            .entries();
    MetadataChain chain = MetadataChain.of(c, base, FeatureSet.EMPTY);
    assertThat(chain.merged().init()).isTrue();
    assertThat(chain.merged().capAdd()).isEmpty();
    assertThat(chain.merged().mounts()).isEmpty();
    assertThat(chain.warnings())
        .extracting(Diagnostic::message)
        .containsExactlyInAnyOrder(
            "capAdd: expected an array of strings", "invalid mount: the mount has no target");
  }

  @Test
  void users_followTheMergedChainThenRunArgsThenTheImage() {
    MergedConfiguration none = MergedConfiguration.merge(List.of());
    assertThat(DevContainerUsers.resolve(none, RunArgs.NONE, ""))
        .isEqualTo(new DevContainerUsers("root", "root"));
    RunArgs user = RunArgs.parse(List.of("-u", "dev"), Map.of());
    assertThat(DevContainerUsers.resolve(none, user, "app"))
        .isEqualTo(new DevContainerUsers("dev", "dev"));
    MergedConfiguration both =
        MergedConfiguration.merge(
            MergedConfigurationTest.chain(
                Json.parse("[{\"containerUser\": \"c\"}, {\"remoteUser\": \"r\"}]")));
    assertThat(DevContainerUsers.resolve(both, user, "app"))
        .isEqualTo(new DevContainerUsers("c", "r"));
  }
}
