package dev.berth.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's first acceptance: the seed's Dockerfile and compose file, verbatim, with a
 * devcontainer.json for {@code app-pre} as the seed's author would write it
 * (src/test/resources/check/seed), checked as one project: each of the seed's known mistakes is
 * found, in its file, at its line and column.
 */
class SeedProjectCheckTest {

  private static final Path SEED = Path.of("src/test/resources/check/seed");

  private static ProjectChecker.Result check() throws IOException {
    // An empty environment: what a fresh CI shell without DOCKER_IMAGE gives docker compose.
    return new ProjectChecker().check(ProjectChecker.Request.of(SEED));
  }

  private static List<String> found(ProjectChecker.Result r) {
    List<String> out = new ArrayList<>();
    for (CheckReport report : r.reports()) {
      for (Finding f : report.findings()) {
        String file = SEED.relativize(Path.of(f.range().file())).toString();
        out.add(f.rule().name() + " " + file + ":" + f.line() + ":" + f.range().startColumn());
      }
    }
    return out;
  }

  private static Finding finding(ProjectChecker.Result r, String rule, int line) {
    return r.reports().stream()
        .flatMap(rep -> rep.findings().stream())
        .filter(f -> f.rule().name().equals(rule) && f.line() == line)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + rule + " at line " + line));
  }

  @Test
  void theFixtureHoldsTheSeedsFilesVerbatim() throws IOException {
    for (String name : List.of("Dockerfile", "compose.yaml")) {
      assertThat(Files.readString(SEED.resolve(name)))
          .as(name)
          .isEqualTo(Files.readString(Path.of("examples/seed", name)));
    }
  }

  @Test
  void findsEachOfTheSeedsMistakesInItsFileAtItsLine() throws IOException {
    ProjectChecker.Result r = check();
    assertThat(r.badInput()).isFalse();
    assertThat(found(r))
        .contains(
            // POETRY_VERSION empty in app.
            "ArgOutOfScope Dockerfile:72:1",
            // FromAsCasing twice.
            "FromAsCasing Dockerfile:55:14",
            "FromAsCasing Dockerfile:66:36",
            // Dev dependencies in app.
            "DevDependenciesInProduction Dockerfile:82:1",
            // The project installed before its sources were copied (they never are).
            "ProjectInstalledBeforeSources Dockerfile:58:1",
            // app-pre, the dev container's target, runs as root.
            "ProductionRunsAsRoot Dockerfile:55:1",
            // USER ${UID}.
            "NumericUser Dockerfile:113:1",
            // UID=${UID:-1000} is always 1000, in both services.
            "UidNotExported compose.yaml:11:16",
            "UidNotExported compose.yaml:22:16",
            // version: "3".
            "ObsoleteComposeVersion compose.yaml:2:1",
            // And what the devcontainer.json adds.
            "WorkspaceHidesVenv .devcontainer/devcontainer.json:15:60",
            "UidNotExported .devcontainer/devcontainer.json:10:15",
            "UnusedBuildArg .devcontainer/devcontainer.json:10:8");
    assertThat(finding(r, "ArgOutOfScope", 72).message())
        .startsWith("POETRY_VERSION is declared by ARG only in stage builder")
        .contains("empty in stage app");
    assertThat(finding(r, "DevDependenciesInProduction", 82).message())
        .startsWith("production stage app copies /app from stage app-pre");
    assertThat(finding(r, "ProductionRunsAsRoot", 55).message()).startsWith("stage app-pre ");
    assertThat(finding(r, "UidNotExported", 11).message())
        .isEqualTo(
            "'${UID:-1000}' is always '1000': UID is a shell variable that shells do not export,"
                + " so docker compose never sees the host's");
    assertThat(finding(r, "WorkspaceHidesVenv", 15).message())
        .contains("at /app hides /app/.venv")
        .contains("stage app-pre");
  }

  @Test
  void theCrossFileFindingsAreInTheJsonAndSarifReportsAtTheirPlaces() throws IOException {
    ProjectChecker.Result r = check();
    ObjectMapper json = new ObjectMapper();
    JsonNode report = json.readTree(JsonReport.render(r.reports()));
    JsonNode version = null;
    for (JsonNode f : report.path("findings")) {
      if (f.path("rule").asText().equals("ObsoleteComposeVersion")) {
        version = f;
      }
    }
    assertThat(version).isNotNull();
    assertThat(version.path("file").asText()).isEqualTo(SEED.resolve("compose.yaml").toString());
    assertThat(version.path("line").asInt()).isEqualTo(2);
    assertThat(version.path("column").asInt()).isEqualTo(1);
    assertThat(version.path("url").asText())
        .isEqualTo("docs/check-rules.md#obsolete-compose-version");

    JsonNode sarif = json.readTree(SarifReport.render(r.reports(), Rules.all(), "test"));
    JsonNode hides = null;
    for (JsonNode res : sarif.path("runs").get(0).path("results")) {
      if (res.path("ruleId").asText().equals("WorkspaceHidesVenv")) {
        hides = res;
      }
    }
    assertThat(hides).isNotNull();
    JsonNode physical = hides.path("locations").get(0).path("physicalLocation");
    assertThat(physical.path("artifactLocation").path("uri").asText())
        .isEqualTo(SEED.resolve(".devcontainer/devcontainer.json").toString());
    assertThat(physical.path("region").path("startLine").asInt()).isEqualTo(15);
    assertThat(physical.path("region").path("startColumn").asInt()).isEqualTo(60);
  }
}
