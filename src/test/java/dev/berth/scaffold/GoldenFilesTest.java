package dev.berth.scaffold;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What init writes for each golden case, byte for byte, with what it found ({@code findings.txt}).
 * Adding a case is adding a folder; {@code -Dscaffold.golden.update=true} writes the expected files
 * from the current output, to be read in review.
 */
class GoldenFilesTest {

  static List<Path> cases() throws IOException {
    try (Stream<Path> s = Files.list(Fixtures.GOLDEN)) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rendersTheGoldenFiles(Path dir) throws IOException {
    Fixtures.Case c = Fixtures.goldenCase(dir);
    ScaffoldResult result = Scaffold.of(c.project(), c.options());
    List<GeneratedFile> files = new ArrayList<>(result.files());
    StringBuilder findings = new StringBuilder();
    result.findings().forEach(f -> findings.append(f).append('\n'));
    result.notes().forEach(n -> findings.append("note: ").append(n).append('\n'));
    files.add(new GeneratedFile("findings.txt", findings.toString()));
    boolean update = Boolean.getBoolean("scaffold.golden.update");
    for (GeneratedFile f : files) {
      Path expected = dir.resolve(f.path());
      if (update) {
        Files.createDirectories(expected.getParent());
        Files.writeString(expected, f.text(), StandardCharsets.UTF_8);
      }
      assertThat(expected).as("golden file of " + c.name()).exists();
      assertThat(f.text()).as(c.name() + "/" + f.path()).isEqualTo(Files.readString(expected));
    }
  }
}
