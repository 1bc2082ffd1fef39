package dev.berth.devcontainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The merge rules, one golden folder per rule under {@code merge/}: {@code chain.json} is the
 * metadata chain, {@code merged.json} the merged properties as read-configuration prints them.
 */
class MergedConfigurationTest {

  private static final Path DIR = Tables.ROOT.resolve("merge");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> s = Files.list(DIR)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  static List<MetadataEntry> chain(JsonNode entries) {
    List<MetadataEntry> chain = new ArrayList<>();
    Findings findings = Findings.lenient("test");
    entries.forEach(e -> chain.add(MetadataEntry.read((ObjectNode) e, "", findings)));
    assertThat(findings.all()).isEmpty();
    return chain;
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("cases")
  void merge_followsTheSpecificationsRules(String name) throws IOException {
    JsonNode entries = Json.parse(Files.readString(DIR.resolve(name).resolve("chain.json")));
    JsonNode expected = Json.parse(Files.readString(DIR.resolve(name).resolve("merged.json")));
    MergedConfiguration merged = MergedConfiguration.merge(chain(entries));
    assertThat(ReadConfiguration.merged(Json.object(), merged)).isEqualTo(expected);
  }

  @Test
  void lifecycleCommands_keepTheirOrigins() {
    MergedConfiguration m =
        MergedConfiguration.merge(
            chain(
                Json.parse(
                    "[{\"postCreateCommand\": \"base\"}, {\"id\": \"./f\", \"postCreateCommand\":"
                        + " \"feature\"}, {\"postCreateCommand\": \"config\"}]")));
    assertThat(m.commands(LifecycleHook.POST_CREATE))
        .extracting(HookCommand::origin)
        .containsExactly("devcontainer.json", "./f", "devcontainer.json");
    assertThat(m.waitForOrDefault()).isEqualTo(LifecycleHook.UPDATE_CONTENT);
    assertThat(m.userEnvProbeOrDefault()).isEqualTo(UserEnvProbe.LOGIN_INTERACTIVE_SHELL);
  }

  @Test
  void berthCustomizations_areTheUnionOfTheChain() throws IOException {
    JsonNode entries = Json.parse(Files.readString(DIR.resolve("customizations/chain.json")));
    assertThat(MergedConfiguration.merge(chain(entries)).berth().chownPaths())
        .containsExactly("/opt/cache", "/app/.venv");
  }

  @Test
  void mergedJson_keepsTheConfigurationsOtherPropertiesAndDropsTheReplacedOnes() {
    ObjectNode config =
        (ObjectNode)
            Json.parse(
                "{\"image\": \"x\", \"init\": true, \"capAdd\": [], \"postCreateCommand\": \"c\","
                    + " \"customizations\": {}, \"shutdownAction\": \"none\", \"unknown\": 1}");
    MergedConfiguration m =
        MergedConfiguration.merge(
            chain(Json.parse("[{\"init\": true, \"postCreateCommand\": \"c\"}]")));
    ObjectNode out = ReadConfiguration.merged(config, m);
    List<String> keys = new ArrayList<>();
    out.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .as("as JavaScript's spread: a key the configuration has keeps its place")
        .startsWith("image", "init", "unknown", "privileged")
        .doesNotContain("capAdd", "customizations", "shutdownAction", "postCreateCommand")
        .contains("postCreateCommands");
  }
}
