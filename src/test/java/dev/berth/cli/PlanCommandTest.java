package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {

  @TempDir Path dir;

  private static final String DOCKERFILE =
      """
      ARG IMG=busybox
      FROM $IMG AS build
      ARG MSG=hi
      RUN echo $MSG
      FROM $IMG AS skipped
      RUN exit 1
      FROM $IMG
      COPY --from=build /x /y
      """;

  @Test
  void textPlanOfTheContextDockerfile() throws Exception {
    Files.writeString(dir.resolve("Dockerfile"), DOCKERFILE);
    CliRun r = CliRun.of("plan", "--build-arg", "MSG=yo", dir.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("stage 0 \"build\": FROM busybox (image)")
        .contains("MSG=yo  [build_arg]")
        .contains("stage 2: FROM busybox")
        .contains("depends on: build")
        .doesNotContain("skipped");
  }

  @Test
  void jsonPlanHasTheDocumentedShape() throws Exception {
    Path df = dir.resolve("build.Dockerfile");
    Files.writeString(df, DOCKERFILE);
    CliRun r = CliRun.of("plan", "-f", df.toString(), "--target", "build", "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertThat(root.get("target").asText()).isEqualTo("build");
    assertThat(root.get("globalArgs").get(0).get("name").asText()).isEqualTo("IMG");
    JsonNode stage = root.get("stages").get(0);
    assertThat(stage.get("name").asText()).isEqualTo("build");
    assertThat(stage.get("base").get("kind").asText()).isEqualTo("image");
    assertThat(stage.get("base").get("name").asText()).isEqualTo("busybox");
    assertThat(stage.get("args").get(0).get("value").asText()).isEqualTo("hi");
    assertThat(stage.get("steps").get(1).get("text").asText()).isEqualTo("RUN echo $MSG");
    assertThat(stage.get("steps").get(1).get("line").asInt()).isEqualTo(4);
    assertThat(root.get("stages")).hasSize(1);
  }

  @Test
  void unknownTargetExitsTwoNamingTheStages() throws Exception {
    Files.writeString(dir.resolve("Dockerfile"), DOCKERFILE);
    CliRun r = CliRun.of("plan", "--target", "nope", dir.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("'nope'").contains("build, skipped");
  }

  @Test
  void malformedDockerfileExitsTwoWithPositionAndCaret() throws Exception {
    Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\nCOPY --chmod=abc a b\n");
    CliRun r = CliRun.of("plan", dir.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("Dockerfile:2:1: error:")
        .contains("invalid --chmod")
        .contains("    COPY --chmod=abc a b\n    ^");
  }

  @Test
  void missingDockerfileExitsTwo() {
    CliRun r = CliRun.of("plan", dir.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Dockerfile").contains("no such file");
  }

  @Test
  void unusedBuildArgIsAWarningNotAFailure() throws Exception {
    Files.writeString(dir.resolve("Dockerfile"), DOCKERFILE);
    CliRun r = CliRun.of("plan", "--build-arg", "NOPE=1", dir.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).contains("warning: build arg NOPE");
  }

  @Test
  void badFormatIsAUsageError() {
    CliRun r = CliRun.of("plan", "--format", "yaml", dir.toString());
    assertThat(r.exitCode()).isEqualTo(2);
  }
}
