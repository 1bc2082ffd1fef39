package dev.berth.scaffold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.compose.BuildRequest;
import dev.berth.compose.ComposeLoader;
import dev.berth.compose.ComposeProject;
import dev.berth.compose.LoadOptions;
import dev.berth.devcontainer.ConfigLoader;
import dev.berth.devcontainer.DevContainerConfig;
import dev.berth.devcontainer.GitRoot;
import dev.berth.devcontainer.LoadedConfig;
import dev.berth.devcontainer.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compose.yaml and devcontainer.json init writes read as berth's own readers of those formats
 * read them: two build targets with the user's args, and a dev container on the dev target whose
 * remote user is the image's, with the venv to chown.
 */
class GoldenFormatsTest {

  static List<Path> cases() throws IOException {
    return GoldenFilesTest.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void composeBuildsProdAndDevWithTheUsersArgs(Path dir) throws Exception {
    ComposeProject p = ComposeLoader.load(LoadOptions.of(dir.toAbsolutePath(), Map.of()));
    assertThat(p.serviceNames()).containsExactlyInAnyOrder("app", "dev");
    List<BuildRequest> builds = p.buildRequests();
    assertThat(builds)
        .extracting(b -> b.service() + ":" + b.target().orElse(""))
        .containsExactlyInAnyOrder("app:prod", "dev:dev");
    assertThat(builds)
        .allSatisfy(
            b ->
                assertThat(b.args())
                    .containsEntry("UID", "1000")
                    .containsEntry("GID", "1000")
                    .containsEntry("UNAME", "app"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void devContainerOpensTheDevTargetAsTheImagesUser(Path dir) throws Exception {
    Path config = dir.resolve(".devcontainer/devcontainer.json");
    LoadedConfig loaded =
        new ConfigLoader(Map.of(), GitRoot.NONE)
            .read(dir.toAbsolutePath(), config, false, Files.readString(config), false);
    assertThat(loaded.warnings()).isEmpty();
    DevContainerConfig c = loaded.config();
    assertThat(c.scenario())
        .isInstanceOfSatisfying(
            Scenario.Dockerfile.class,
            d -> {
              assertThat(d.target()).contains("dev");
              assertThat(d.dockerfile().getFileName().toString()).isEqualTo("Dockerfile");
              assertThat(d.args()).containsEntry("UNAME", "app");
            });
    assertThat(c.metadata().remoteUser()).contains("app");
    assertThat(c.berth().chownPaths()).containsExactly("/opt/venv");
    assertThat(Files.readString(dir.resolve("Dockerfile"))).contains("ARG UNAME=app");
  }
}
