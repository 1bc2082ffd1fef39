package dev.berth.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every project under {@code examples/} but the seed (whose mistakes are the point) checks clean as
 * a whole: its Dockerfile with its own .dockerignore and pyproject.toml, its compose file and its
 * devcontainer.json, with an empty environment (a fresh CI shell). The findings listed in {@code
 * check/examples-pending.txt} are mistakes found in the examples that are still to be fixed there;
 * a finding not on the list fails, and so does a listed one that is gone, so the list can only
 * shrink to empty.
 */
class ExamplesCheckTest {

  @Test
  void examplesHaveNoFindingsButThePendingOnes() throws IOException {
    List<String> found = new ArrayList<>();
    List<String> checked = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(Path.of("examples"))) {
      for (Path dir : dirs.sorted().toList()) {
        if (dir.getFileName().toString().equals("seed")
            || !Files.isRegularFile(dir.resolve("Dockerfile"))) {
          continue;
        }
        ProjectChecker.Result r = new ProjectChecker().check(ProjectChecker.Request.of(dir));
        for (CheckReport report : r.reports()) {
          checked.add(report.file());
          assertThat(report.errors()).as(report.file() + " errors").isEmpty();
          report
              .findings()
              .forEach(f -> found.add(f.range().file() + ":" + f.line() + " " + f.rule().name()));
        }
      }
    }
    assertThat(checked)
        .as("the files the check read")
        .contains(
            "examples/python-poetry/Dockerfile",
            "examples/python-poetry/compose.yaml",
            "examples/python-poetry/.devcontainer/devcontainer.json");
    List<String> pending =
        Files.readAllLines(Path.of("src/test/resources/check/examples-pending.txt")).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    assertThat(found).containsExactlyInAnyOrderElementsOf(pending);
  }
}
