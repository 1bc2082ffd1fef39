package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** init writes the four files, never over other text without force, and nothing in a dry run. */
class InitServiceTest {

  private static final List<String> WRITTEN =
      List.of("Dockerfile", "compose.yaml", ".devcontainer/devcontainer.json", ".dockerignore");

  @TempDir Path dir;

  @BeforeEach
  void copyFixture() throws IOException {
    Path from = Path.of("src/test/resources/scaffold/projects/poetry");
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path to = dir.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
  }

  private static InitService.InitRequest request(Path dir, boolean force, boolean dryRun) {
    return new InitService.InitRequest(
        dir,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        true,
        force,
        dryRun);
  }

  @Test
  void writesTheFourFiles() throws IOException {
    InitService.InitResult r = new InitService().init(request(dir, false, false));
    assertThat(r.files()).extracting(InitService.InitFile::path).containsExactlyElementsOf(WRITTEN);
    assertThat(r.files())
        .allSatisfy(f -> assertThat(f.action()).isEqualTo(InitService.FileAction.CREATED));
    for (InitService.InitFile f : r.files()) {
      assertThat(dir.resolve(f.path())).hasContent(f.text());
    }
    assertThat(r.findings()).anySatisfy(f -> assertThat(f).startsWith("python: 3.11"));
  }

  @Test
  void anExistingFileWithOtherTextNeedsForceAndNothingIsWrittenWithout() throws IOException {
    Files.writeString(dir.resolve("Dockerfile"), "FROM python:3.9\n");
    assertThatThrownBy(() -> new InitService().init(request(dir, false, false)))
        .isInstanceOfSatisfying(
            BerthException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT);
              assertThat(e.getMessage())
                  .contains("nothing was written: Dockerfile exists")
                  .contains("--force");
            });
    assertThat(dir.resolve("Dockerfile")).hasContent("FROM python:3.9");
    for (String f : WRITTEN.subList(1, WRITTEN.size())) {
      assertThat(dir.resolve(f)).doesNotExist();
    }

    InitService.InitResult forced = new InitService().init(request(dir, true, false));
    assertThat(forced.files().get(0).action()).isEqualTo(InitService.FileAction.REPLACED);
    assertThat(dir.resolve("Dockerfile")).hasContent(forced.files().get(0).text());
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void runningAgainOverItsOwnFilesChangesNothingAndNeedsNoForce() throws IOException {
    new InitService().init(request(dir, false, false));
    InitService.InitResult again = new InitService().init(request(dir, false, false));
    assertThat(again.files())
        .allSatisfy(f -> assertThat(f.action()).isEqualTo(InitService.FileAction.UNCHANGED));
  }

  @Test
  void aDryRunWritesNothingAndShowsTheText() throws IOException {
    Files.writeString(dir.resolve("compose.yaml"), "services: {}\n");
    InitService.InitResult r = new InitService().init(request(dir, false, true));
    assertThat(r.files())
        .allSatisfy(f -> assertThat(f.action()).isEqualTo(InitService.FileAction.SHOWN));
    assertThat(r.files().get(0).text()).startsWith("# syntax=docker/dockerfile:1");
    assertThat(r.files().get(1).exists()).isTrue();
    assertThat(dir.resolve("Dockerfile")).doesNotExist();
    assertThat(dir.resolve(".devcontainer")).doesNotExist();
    assertThat(dir.resolve("compose.yaml")).hasContent("services: {}");
  }

  @Test
  void aFolderWithNoPythonProjectIsNotFound(@TempDir Path empty) {
    assertThatThrownBy(() -> new InitService().init(request(empty, false, false)))
        .isInstanceOfSatisfying(
            BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }
}
