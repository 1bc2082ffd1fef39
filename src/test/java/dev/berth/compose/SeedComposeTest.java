package dev.berth.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.diag.BerthException;
import dev.berth.diag.Diagnostic;
import dev.berth.diag.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's compose file, verbatim (src/test/resources/compose/seed/compose.yaml), beside the
 * example project's Dockerfile.
 */
class SeedComposeTest {

  @TempDir Path dir;

  @BeforeEach
  void copyFixture() throws IOException {
    Files.copy(
        Path.of("src/test/resources/compose/seed/compose.yaml"), dir.resolve("compose.yaml"));
    Files.copy(Path.of("examples/python-poetry/Dockerfile"), dir.resolve("Dockerfile"));
  }

  @Test
  void withoutDockerImage_failsWithTheRequiredVariableMessageAtItsLine() {
    assertThatThrownBy(() -> ComposeLoader.load(LoadOptions.of(dir, Map.of())))
        .isInstanceOfSatisfying(
            BerthException.class,
            e -> {
              Diagnostic d = e.first();
              assertThat(d.message())
                  .isEqualTo(
                      "error while interpolating services.app.image: required variable"
                          + " DOCKER_IMAGE is missing a value: Variable not set");
              assertThat(d.range().file()).isEqualTo(dir.resolve("compose.yaml").toString());
              assertThat(d.range().startLine()).isEqualTo(5);
              assertThat(d.range().startColumn()).isEqualTo(12);
            });
  }

  @Test
  void withDockerImage_givesTwoBuildRequests() throws BerthException {
    ComposeProject p = ComposeLoader.load(LoadOptions.of(dir, Map.of("DOCKER_IMAGE", "seed")));

    assertThat(p.warnings())
        .extracting(Diagnostic::code)
        .containsExactly("compose-obsolete-version");
    assertThat(p.warnings().get(0).severity()).isEqualTo(Severity.WARNING);
    List<BuildRequest> builds = p.buildRequests();
    assertThat(builds).extracting(BuildRequest::service).containsExactly("app", "builder");
    BuildRequest app = builds.get(0);
    assertThat(app.image()).isEqualTo("seed:latest");
    assertThat(app.target()).contains("app");
    assertThat(app.context()).isEqualTo(dir);
    assertThat(app.dockerfile()).contains(dir.resolve("Dockerfile"));
    assertThat(app.args())
        .containsExactly(
            Map.entry("GID", "1000"), Map.entry("UID", "1000"), Map.entry("UNAME", "myname"));
    BuildRequest builder = builds.get(1);
    assertThat(builder.image()).isEqualTo("seed:latest-builder");
    assertThat(builder.target()).contains("builder");
    assertThat(builder.args()).containsEntry("UNAME", "somenergia");
  }

  @Test
  void uidFromDotEnv_reachesTheBuildArgs_andTheShellWins() throws Exception {
    Files.writeString(dir.resolve(".env"), "UID=1234\nDOCKER_TAG=dev\n");
    ComposeProject p =
        ComposeLoader.load(LoadOptions.of(dir, Map.of("DOCKER_IMAGE", "seed", "DOCKER_TAG", "ci")));
    BuildRequest app = p.buildRequests().get(0);
    assertThat(app.args()).containsEntry("UID", "1234");
    assertThat(app.image()).isEqualTo("seed:ci");
    assertThat(p.service("builder").flatMap(Service::image))
        .isEqualTo(Optional.of("seed:ci-builder"));
  }
}
