package dev.berth.scaffold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.check.CheckOptions;
import dev.berth.check.Checker;
import dev.berth.check.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the seed's own project shape (examples/python-poetry's pyproject.toml, poetry.lock and
 * package, in an empty folder) init writes a Dockerfile that checks clean, where the seed's
 * Dockerfile does not (the example's, fixed by hand, checks clean as well).
 */
class SeedShapeTest {

  @TempDir Path dir;

  @Test
  void initOnTheSeedsProjectChecksCleanWhereTheSeedDoesNot() throws IOException {
    Path example = Path.of("examples/python-poetry");
    Files.copy(example.resolve("pyproject.toml"), dir.resolve("pyproject.toml"));
    Files.copy(example.resolve("poetry.lock"), dir.resolve("poetry.lock"));
    Files.createDirectories(dir.resolve("hello"));
    for (String f : List.of("__init__.py", "main.py")) {
      Files.copy(example.resolve("hello").resolve(f), dir.resolve("hello").resolve(f));
    }
    ScaffoldResult r = Scaffold.of(dir, ScaffoldOptions.defaults());
    String dockerfile = r.files().get(0).text();
    assertThat(findings(dockerfile)).isEmpty();
    assertThat(dockerfile)
        .contains("ENTRYPOINT [\"/opt/venv/bin/hello\"]")
        .contains("USER ${UNAME}");

    assertThat(findings(Files.readString(Path.of("examples/seed/Dockerfile")))).isNotEmpty();
    assertThat(findings(Files.readString(example.resolve("Dockerfile")))).isEmpty();
  }

  private static List<String> findings(String dockerfile) {
    return new Checker()
        .check("Dockerfile", dockerfile, CheckOptions.defaults()).findings().stream()
            .map(Finding::toString)
            .toList();
  }
}
