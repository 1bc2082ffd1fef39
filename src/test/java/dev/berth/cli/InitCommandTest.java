package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth init} on the command line: what it prints and its exit codes. */
class InitCommandTest {

  @TempDir Path dir;

  private void project() throws IOException {
    Files.writeString(dir.resolve("requirements.txt"), "flask==3.0.3\ngunicorn==23.0.0\n");
    Files.createDirectories(dir.resolve("web"));
    Files.writeString(
        dir.resolve("web/__init__.py"), "from flask import Flask\napp = Flask(__name__)\n");
  }

  @Test
  void writesAndListsTheFiles() throws IOException {
    project();
    CliRun r = CliRun.of("init", "--python", "3.12", "--name", "site", dir.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("wrote Dockerfile")
        .contains("wrote compose.yaml")
        .contains("wrote .devcontainer/devcontainer.json")
        .contains("wrote .dockerignore");
    assertThat(r.err()).contains("python: 3.12 (given with --python)").contains("port 8000");
    assertThat(Files.readString(dir.resolve("Dockerfile")))
        .contains("ARG PYTHON_VERSION=3.12")
        .contains("\"/opt/venv/bin/gunicorn\", \"--bind\", \"0.0.0.0:8000\", \"web:app\"");
    assertThat(Files.readString(dir.resolve("compose.yaml")))
        .contains("image: site:latest")
        .doesNotContain("version:");
  }

  @Test
  void existingFilesExitTwoListingThemAndForceReplacesThem() throws IOException {
    project();
    Files.writeString(dir.resolve(".dockerignore"), "*\n");
    CliRun refused = CliRun.of("init", dir.toString());
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("nothing was written: .dockerignore exists");
    assertThat(dir.resolve("Dockerfile")).doesNotExist();

    CliRun forced = CliRun.of("init", "--force", dir.toString());
    assertThat(forced.exitCode()).as(forced.err()).isZero();
    assertThat(forced.out()).contains("replaced .dockerignore").contains("wrote Dockerfile");
  }

  @Test
  void dryRunPrintsTheFilesAndWritesNothing() throws IOException {
    project();
    CliRun r = CliRun.of("init", "--dry-run", "--port", "9000", dir.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("==> Dockerfile <==")
        .contains("EXPOSE 9000")
        .contains("==> .devcontainer/devcontainer.json <==");
    try (var s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("requirements.txt", "web");
    }
  }

  @Test
  void noPythonProjectExitsTwoSayingWhatWasFoundAndExpected() throws IOException {
    Files.writeString(dir.resolve("go.mod"), "module x\n");
    CliRun r = CliRun.of("init", dir.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("no Python project in " + dir)
        .contains("it holds go.mod")
        .contains("expected pyproject.toml");
  }

  @Test
  void badFlagValuesAreUsageErrors() throws IOException {
    project();
    assertThat(CliRun.of("init", "--python", "2.7", dir.toString()).exitCode()).isEqualTo(2);
    assertThat(CliRun.of("init", "--port", "70000", dir.toString()).exitCode()).isEqualTo(2);
    assertThat(CliRun.of("init", "--tool", "conda", dir.toString()).exitCode()).isEqualTo(2);
    CliRun uv = CliRun.of("init", "--tool", "uv", dir.toString());
    assertThat(uv.exitCode()).isEqualTo(2);
    assertThat(uv.err()).contains("uv installs from uv.lock, which this project lacks");
  }
}
