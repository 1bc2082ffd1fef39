package dev.berth.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.context.DockerIgnore;
import dev.berth.diag.BerthException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Dockerfile under {@code examples/} but the seed (whose mistakes are the point) checks
 * clean, with its own .dockerignore and pyproject.toml, except for the findings listed in {@code
 * check/examples-pending.txt}: mistakes found in the examples that are still to be fixed there. A
 * finding not on the list fails, and so does a listed one that is gone, so the list can only shrink
 * to empty.
 */
class ExamplesCheckTest {

  @Test
  void examplesHaveNoFindingsButThePendingOnes() throws IOException, BerthException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(Path.of("examples"))) {
      for (Path dir : dirs.sorted().toList()) {
        Path dockerfile = dir.resolve("Dockerfile");
        if (dir.getFileName().toString().equals("seed") || !Files.isRegularFile(dockerfile)) {
          continue;
        }
        Path pyproject = dir.resolve("pyproject.toml");
        ProjectSettings settings =
            Files.isRegularFile(pyproject)
                ? ProjectSettings.fromPyproject(pyproject.toString(), Files.readString(pyproject))
                : ProjectSettings.none();
        DockerIgnore ignore = DockerIgnore.load(dir, Optional.of(dockerfile));
        CheckReport r =
            new Checker()
                .check(
                    dockerfile.toString(),
                    Files.readString(dockerfile, StandardCharsets.UTF_8),
                    CheckOptions.defaults()
                        .withIgnored(ignore::matches)
                        .withProjectSkips(settings.skip()));
        assertThat(r.errors()).as(dockerfile + " errors").isEmpty();
        r.findings().forEach(f -> found.add(dockerfile + ":" + f.line() + " " + f.rule().name()));
      }
    }
    List<String> pending =
        Files.readAllLines(Path.of("src/test/resources/check/examples-pending.txt")).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    assertThat(found).containsExactlyInAnyOrderElementsOf(pending);
  }
}
