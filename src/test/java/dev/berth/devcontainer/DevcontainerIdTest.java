package dev.berth.devcontainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevcontainerIdTest {

  // The expected IDs were computed with Node.js from the algorithm the reference CLI uses
  // (JSON.stringify with sorted keys, SHA-256, BigInt base 32, padded to 52).

  @Test
  void defaultLabels_giveTheReferenceCliId() {
    Map<String, String> labels =
        DevcontainerId.defaultLabels(
            Path.of("/work/my-app"), Path.of("/work/my-app/.devcontainer/devcontainer.json"));
    assertThat(labels)
        .containsExactly(
            Map.entry("devcontainer.local_folder", "/work/my-app"),
            Map.entry("devcontainer.config_file", "/work/my-app/.devcontainer/devcontainer.json"));
    assertThat(DevcontainerId.of(labels))
        .isEqualTo("16lvfu3q49f90u6fej23vrcuf8fgcmaidmndrseu0v630rq7ojp9");
  }

  @Test
  void labelOrderDoesNotMatter_andStringsAreEscapedAsJavaScriptDoes() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("b", "ü \"q\"\n");
    labels.put("a", "x");
    assertThat(DevcontainerId.of(labels))
        .isEqualTo("1kbsl33fkc287pedo6i271tac2df0kk7694dan037u8a0s1ebh8v")
        .hasSize(52);
    assertThat(DevcontainerId.of(Map.of("a", "x", "b", "ü \"q\"\n")))
        .isEqualTo(DevcontainerId.of(labels));
  }

  @Test
  void stringify_escapesControlCharactersInLowercaseHex() {
    assertThat(Json.quote("ü \"q\"\n\u0001\u001b")).isEqualTo("\"ü \\\"q\\\"\\n\\u0001\\u001b\"");
  }
}
