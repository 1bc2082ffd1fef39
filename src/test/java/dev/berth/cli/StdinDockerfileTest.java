package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.diag.BerthException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StdinDockerfileTest {

  private static ByteArrayInputStream in(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void dashReadsStdinIntoAFileThatLastsUntilClosed() throws Exception {
    Path file;
    try (StdinDockerfile d = StdinDockerfile.open(Optional.of(Path.of("-")), in("FROM x\n"))) {
      file = d.dockerfile().orElseThrow();
      assertThat(file.getFileName().toString()).isEqualTo("Dockerfile");
      assertThat(Files.readString(file)).isEqualTo("FROM x\n");
    }
    assertThat(file).doesNotExist();
    assertThat(file.getParent()).doesNotExist();
  }

  @Test
  void otherFilesAndNoFlagPassThroughWithoutReadingStdin() throws Exception {
    ByteArrayInputStream stdin = in("untouched");
    try (StdinDockerfile d =
        StdinDockerfile.open(Optional.of(Path.of("build/Dockerfile")), stdin)) {
      assertThat(d.dockerfile()).contains(Path.of("build/Dockerfile"));
    }
    try (StdinDockerfile d = StdinDockerfile.open(Optional.empty(), stdin)) {
      assertThat(d.dockerfile()).isEmpty();
    }
    assertThat(stdin.available()).isEqualTo("untouched".length());
  }

  @Test
  void anEmptyStdinIsBadInput() {
    assertThatThrownBy(() -> StdinDockerfile.open(Optional.of(Path.of("-")), in("")))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining("standard input is empty");
  }

  @Test
  void theCommandLineBuildsWithTheDockerfileFromStdinOrSaysWhatIsWrong() {
    // The check path reads the piped Dockerfile like a build does, without needing root.
    CliRun r = CliRun.withStdin("FROM scratch\nNOPE x\n", "build", "--check", "-f", "-", ".");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out() + r.err()).contains("Dockerfile:2");
  }
}
