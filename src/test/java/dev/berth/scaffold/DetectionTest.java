package dev.berth.scaffold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.diag.BerthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What init reads from each fixture project, as the table {@code scaffold/detection.txt} says:
 * {@code fixture | flavour | tool | python | layout | packaged | entry | dev | port}.
 */
class DetectionTest {

  private static final Path TABLE = Path.of("src/test/resources/scaffold/detection.txt");

  static Stream<String> rows() throws IOException {
    return Files.readAllLines(TABLE).stream()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void detects(String row) throws IOException {
    List<String> c = List.of(row.split("\\s*\\|\\s*"));
    assertThat(c).as("columns of " + row).hasSize(9);
    PythonProject project = ProjectReader.read(Fixtures.project(c.get(0)));
    Setup s = SetupPlanner.plan(project, ScaffoldOptions.defaults()).setup();
    assertThat(project.flavour().name()).as("flavour").isEqualTo(c.get(1));
    assertThat(s.tool().command()).as("tool").isEqualTo(c.get(2));
    assertThat(s.pythonVersion()).as("python").isEqualTo(c.get(3));
    assertThat(project.layout().name().toLowerCase()).as("layout").isEqualTo(c.get(4));
    assertThat(project.packaged()).as("packaged").isEqualTo(Boolean.parseBoolean(c.get(5)));
    assertThat(String.join(" ", s.entry())).as("entry").isEqualTo(c.get(6));
    assertThat(project.dev().describe()).as("dev").isEqualTo(c.get(7));
    assertThat(s.port().map(String::valueOf).orElse("-")).as("port").isEqualTo(c.get(8));
  }

  @Test
  void everyFixtureHasARow() throws IOException {
    List<String> named = rows().map(r -> r.split("\\s*\\|\\s*")[0]).toList();
    try (Stream<Path> s = Files.list(Fixtures.PROJECTS)) {
      assertThat(named)
          .containsExactlyInAnyOrderElementsOf(s.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void aFolderWithoutAPythonProjectIsRefusedSayingWhatItHolds(@TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve("package.json"), "{}");
    Files.createDirectory(dir.resolve("lib"));
    assertThat(catchBerth(dir))
        .satisfies(
            e -> {
              assertThat(e.kind().isInputError()).isTrue();
              assertThat(e.getMessage())
                  .contains("no Python project in " + dir)
                  .contains("it holds lib/, package.json")
                  .contains("expected pyproject.toml with [project] or [tool.poetry]");
            });
  }

  @Test
  void aPyprojectOfToolSettingsAloneIsNoProject(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("pyproject.toml"), "[tool.black]\nline-length = 100\n");
    assertThat(catchBerth(dir).getMessage())
        .contains("its pyproject.toml has neither [project] nor [tool.poetry]");
  }

  @Test
  void badTomlIsReportedWhereTheParserStopped(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("pyproject.toml"), "[project]\nname = \"x\"\nversion = \n");
    BerthException e = catchBerth(dir);
    assertThat(e.first().range().startLine()).isEqualTo(3);
    assertThat(e.first().message()).startsWith("not valid TOML");
  }

  @Test
  void aRequirementsFileThatInstallsTheProjectIsRefusedAtItsLine(@TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve("requirements.txt"), "# pinned\nflask==3.0\n-e .\n");
    BerthException e = catchBerth(dir);
    assertThat(e.first().range().startLine()).isEqualTo(3);
    assertThat(e.first().message()).contains("'-e .' installs the project itself");
  }

  @Test
  void aMissingIncludedRequirementsFileIsRefusedAtItsLine(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("requirements-dev.txt"), "-r base.txt\npytest\n");
    BerthException e = catchBerth(dir);
    assertThat(e.first().range().startLine()).isEqualTo(1);
    assertThat(e.first().range().startColumn()).isEqualTo(4);
    assertThat(e.first().message()).contains("'base.txt' is not a file in the project");
  }

  private static BerthException catchBerth(Path dir) {
    try {
      ProjectReader.read(dir);
    } catch (BerthException e) {
      return e;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("no error for " + dir);
  }
}
