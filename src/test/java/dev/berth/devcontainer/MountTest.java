package dev.berth.devcontainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MountTest {

  static List<Arguments> specs() {
    return Tables.rows("mounts.txt");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("specs")
  void parse_readsDockerMountSyntax(String spec, String expected) {
    if (expected.startsWith("error: ")) {
      assertThatThrownBy(() -> Mount.parse(spec))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(expected.substring("error: ".length()));
    } else {
      Mount m = Mount.parse(spec);
      assertThat(m.toString()).isEqualTo(expected);
      assertThat(Mount.parse(m.toString())).as("written back, it reads the same").isEqualTo(m);
    }
  }

  @Test
  void objectForm_needsTypeAndTarget() {
    Findings findings = Findings.lenient("t");
    assertThat(
            ConfigMount.read(
                Json.parse("{\"type\": \"volume\", \"source\": \"v\", \"target\": \"/d\"}"),
                "",
                findings))
        .extracting(ConfigMount::mount)
        .isEqualTo(Mount.volume("v", "/d"));
    assertThat(
            ConfigMount.read(Json.parse("{\"source\": \"v\", \"target\": \"/d\"}"), "", findings))
        .isNull();
    assertThat(
            ConfigMount.read(Json.parse("{\"type\": \"tmpfs\", \"target\": \"/d\"}"), "", findings))
        .isNull();
    assertThat(ConfigMount.read(Json.parse("42"), "", findings)).isNull();
    assertThat(findings.all())
        .extracting(d -> d.message())
        .containsExactly(
            "invalid mount: a mount object needs \"type\": \"bind\" or \"volume\"",
            "invalid mount: unknown mount type 'tmpfs' (expected bind or volume)",
            "invalid mount: expected a mount string or a {type, source, target} object");
  }

  @Test
  void objectForm_warnsOfUnknownKeysAndKeepsWhatWasWritten() {
    Findings findings = Findings.lenient("t");
    ConfigMount m =
        ConfigMount.read(
            Json.parse(
                "{\"type\": \"bind\", \"source\": \"/a\", \"target\": \"/b\", \"ro\": true}"),
            "/mounts/0",
            findings);
    assertThat(m.mount()).isEqualTo(Mount.bind("/a", "/b"));
    assertThat(m.written().get("ro").booleanValue()).isTrue();
    assertThat(findings.all())
        .extracting(d -> d.message())
        .containsExactly("unknown mount property 'ro' is ignored");
  }
}
