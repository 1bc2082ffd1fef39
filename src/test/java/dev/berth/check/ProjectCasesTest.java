package dev.berth.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cross-file table under {@code src/test/resources/check/projects}: each case a project (a
 * Dockerfile, a compose file, a devcontainer.json, a .dockerignore...) checked as a whole, with the
 * file, line and column of each finding compared.
 */
class ProjectCasesTest {

  @TempDir Path dir;

  static Stream<ProjectCase> cases() {
    return ProjectCase.load().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void projectCaseFindsWhatItExpects(ProjectCase c) throws IOException {
    ProjectChecker.Result result = c.run(dir);
    assertThat(c.actual(result, dir)).as(c.name() + " findings").isEqualTo(c.expect());
    assertThat(c.actualErrors(result, dir)).as(c.name() + " errors").isEqualTo(c.errors());
  }
}
