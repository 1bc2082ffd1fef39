package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

  @TempDir Path dir;

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text);
  }

  @Test
  void cleanFileExitsZero() throws IOException {
    write(
        "Dockerfile",
        "FROM python:3.12-slim\nRUN useradd app\nUSER app\nCMD [\"python\", \"-V\"]\n");
    CliRun r = CliRun.of("check", dir.toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(0);
    assertThat(r.out()).isEqualTo("no findings\n");
  }

  @Test
  void findingsPrintWithSourceCaretAndFixAndExitOne() throws IOException {
    write("Dockerfile", "FROM python:3.12-slim as app\nRUN useradd app\nUSER app\n");
    CliRun r = CliRun.of("check", dir.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    String file = dir.resolve("Dockerfile").toString();
    assertThat(r.out())
        .contains(
            file
                + ":1:23: warning: FromAsCasing: 'as' and 'FROM' keywords' casing do not match\n"
                + "    FROM python:3.12-slim as app\n"
                + "    "
                + " ".repeat(22)
                + "^\n"
                + "    fix: write 'AS' to match 'FROM'\n")
        .endsWith("0 errors, 1 warning, 0 notes\n");
  }

  @Test
  void failOnErrorIgnoresWarnings() throws IOException {
    write("Dockerfile", "FROM python:3.12-slim as app\nRUN useradd app\nUSER app\n");
    assertThat(CliRun.of("check", "--fail-on", "error", dir.toString()).exitCode()).isEqualTo(0);
  }

  @Test
  void badInputExitsTwo() throws IOException {
    write("Dockerfile", "FROM alpine:3.20\nFOO bar\n");
    CliRun r = CliRun.of("check", dir.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).contains(":2:1: error: unknown instruction: FOO");
    assertThat(CliRun.of("check", dir.resolve("missing").toString()).exitCode()).isEqualTo(2);
  }

  @Test
  void jsonNamesTheFindingsAndTheProjectSkipsRules() throws IOException {
    write("Dockerfile", "FROM python:3.12-slim as app\nRUN pip install rich\n");
    write("pyproject.toml", "[tool.berth.check]\nskip = [\"ProductionRunsAsRoot\"]\n");
    CliRun r = CliRun.of("check", "--format", "json", dir.toString());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.path("version").asInt()).isEqualTo(1);
    assertThat(json.path("findings").findValuesAsText("rule"))
        .containsExactly("FromAsCasing", "PackageCacheInLayer");
    JsonNode first = json.path("findings").get(0);
    assertThat(first.path("line").asInt()).isEqualTo(1);
    assertThat(first.path("column").asInt()).isEqualTo(23);
    assertThat(first.path("severity").asText()).isEqualTo("warning");
    assertThat(first.path("origin").asText()).isEqualTo("buildkit");
    assertThat(first.path("url").asText()).startsWith("https://docs.docker.com/");
  }

  @Test
  void targetBuildArgsAndDockerfileFlag() throws IOException {
    write(
        "build.Dockerfile",
        "ARG BASE\nFROM ${BASE} AS dev\nRUN true\nFROM python:3.12-slim\nRUN useradd a\nUSER a\n");
    CliRun r =
        CliRun.of(
            "check",
            "-f",
            dir.resolve("build.Dockerfile").toString(),
            "--target",
            "dev",
            "--build-arg",
            "BASE=python:3.12",
            "--format",
            "sarif",
            dir.toString());
    JsonNode sarif = new ObjectMapper().readTree(r.out());
    assertThat(sarif.path("runs").get(0).path("results").findValuesAsText("ruleId"))
        .contains("InvalidDefaultArgInFrom", "ProductionRunsAsRoot");
  }

  @Test
  void findsTheComposeFileAndDevcontainerJsonInDirAndReportsInThem() throws IOException {
    write("Dockerfile", "FROM python:3.12-slim AS app\nRUN useradd app\nUSER app\n");
    write("compose.yaml", "version: \"3\"\nservices:\n  app:\n    build: .\n");
    Files.createDirectories(dir.resolve(".devcontainer"));
    write(
        ".devcontainer/devcontainer.json",
        "{\"build\": {\"dockerfile\": \"../Dockerfile\", \"target\": \"dev\"}}\n");
    CliRun r = CliRun.of("check", "--format", "json", dir.toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.path("files").findValuesAsText("files")).isEmpty();
    assertThat(json.path("files").toString())
        .contains("compose.yaml")
        .contains("devcontainer.json");
    assertThat(json.path("findings").findValuesAsText("rule"))
        .containsExactly("ObsoleteComposeVersion", "UnknownBuildTarget");
    assertThat(json.path("findings").get(1).path("file").asText())
        .isEqualTo(dir.resolve(".devcontainer/devcontainer.json").toString());
  }

  @Test
  void composeAndDevcontainerFlagsNameTheFiles() throws IOException {
    write("Dockerfile", "FROM python:3.12-slim AS app\nRUN useradd app\nUSER app\n");
    Files.createDirectories(dir.resolve("deploy"));
    write(
        "deploy/stack.yml", "services:\n  app:\n    build:\n      context: ..\n      target: ap\n");
    CliRun r =
        CliRun.of("check", "--compose", dir.resolve("deploy/stack.yml").toString(), dir.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out())
        .contains("deploy/stack.yml:5:15: error: UnknownBuildTarget: target 'ap' of service app")
        .contains("did you mean 'app'?");
    CliRun missing =
        CliRun.of("check", "--devcontainer", dir.resolve("none.json").toString(), dir.toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.out()).contains("none.json");
  }

  @Test
  void buildCheckReportsBuildsNothingAndExitsAsCheckWould() throws IOException {
    write("Dockerfile", "FROM python:3.12-slim as app\nRUN useradd app\nUSER app\n");
    write("compose.yaml", "version: \"3\"\nservices:\n  app:\n    build: .\n");
    CliRun r = CliRun.of("build", "--check", dir.toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    // The Dockerfile alone, as docker build --check: the compose file is not read.
    assertThat(r.out()).contains("FromAsCasing").doesNotContain("ObsoleteComposeVersion");
    write("Dockerfile", "FROM python:3.12-slim AS app\nRUN useradd app\nUSER app\n");
    assertThat(CliRun.of("build", "--check", dir.toString()).exitCode()).isEqualTo(0);
    write("Dockerfile", "FROM alpine:3.20\nFOO bar\n");
    assertThat(CliRun.of("build", "--check", dir.toString()).exitCode()).isEqualTo(2);
  }
}
