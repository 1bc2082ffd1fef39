package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.image.Platform;
import org.junit.jupiter.api.Test;

class VersionCommandTest {

  @Test
  void theTextIsDockersClientSection() {
    String text =
        VersionCommand.text(
            VersionCommand.json("1.2.3", "17.0.15+6", Platform.of("linux", "arm64")));
    assertThat(text)
        .isEqualTo(
            "Client:\n"
                + " Version:      1.2.3\n"
                + " Java version: 17.0.15+6\n"
                + " OS/Arch:      linux/arm64\n");
  }

  @Test
  void templatesAndJsonReadTheClientFields() {
    CliRun version = CliRun.of("version", "--format", "{{.Client.Os}}/{{.Client.Arch}}");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out())
        .isEqualTo(Platform.host().os() + "/" + Platform.host().architecture() + "\n");
    CliRun json = CliRun.of("version", "--format", "json");
    assertThat(json.out()).startsWith("{\"Client\":{\"Version\":\"").contains("\"JavaVersion\"");
  }

  @Test
  void anUnknownFieldIsDockersError() {
    CliRun r = CliRun.of("version", "--format", "{{.Server.Version}}");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("map has no entry for key \"Server\"");
  }
}
