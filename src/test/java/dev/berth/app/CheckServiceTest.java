package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warnings a build prints before it starts, from the check of its Dockerfile. */
class CheckServiceTest {

  @TempDir Path dir;

  @Test
  void buildWarningsAreOneLineAFindingWithTheBuildsTargetAndArgs() throws IOException {
    Files.writeString(
        dir.resolve("Dockerfile"),
        "FROM python:3.12-slim as dev\nRUN true\nFROM python:3.12-slim AS app\nRUN useradd a\n"
            + "USER a\n");
    Files.writeString(dir.resolve("compose.yaml"), "version: \"3\"\nservices: {a: {build: .}}\n");
    CheckService checks = new CheckService();
    assertThat(
            checks.buildWarnings(
                dir, dir.resolve("Dockerfile"), Optional.of("dev"), Map.of("X", "1")))
        .containsExactly(
            "warning: ProductionRunsAsRoot: stage dev is built as an image to run, and it runs"
                + " as root: no USER is set in it or in the stages it builds on ("
                + dir.resolve("Dockerfile")
                + ":1:1)",
            "warning: FromAsCasing: 'as' and 'FROM' keywords' casing do not match ("
                + dir.resolve("Dockerfile")
                + ":1:23)");
    assertThat(checks.buildWarnings(dir, dir.resolve("Dockerfile"), Optional.empty(), Map.of()))
        .singleElement()
        .asString()
        .contains("FromAsCasing");
  }

  @Test
  void aMalformedCheckTableIsAWarningNotAFailedBuild() throws IOException {
    Files.writeString(dir.resolve("Dockerfile"), "FROM python:3.12-slim\n");
    Files.writeString(dir.resolve("pyproject.toml"), "[tool.berth.check]\nskip = [\"Nope\"]\n");
    assertThat(
            new CheckService()
                .buildWarnings(dir, dir.resolve("Dockerfile"), Optional.empty(), Map.of()))
        .singleElement()
        .asString()
        .startsWith("warning: the build checks did not run: ")
        .contains("Nope");
  }
}
