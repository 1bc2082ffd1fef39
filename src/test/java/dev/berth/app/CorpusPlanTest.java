package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Dockerfile of the benchmark corpus parses and plans: the corpus is valid and berth reads
 * it.
 */
class CorpusPlanTest {

  static Stream<Path> corpus() throws IOException {
    return Files.list(Path.of("bench/corpus"))
        .filter(p -> p.getFileName().toString().endsWith(".Dockerfile"))
        .sorted();
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void plansWithoutErrors(Path file) throws Exception {
    PlanView plan = new PlanService().plan(file, PlanRequest.defaults());
    assertThat(plan.stages()).isNotEmpty();
    assertThat(plan.stages().get(plan.stages().size() - 1).steps()).isNotNull();
  }

  @org.junit.jupiter.api.Test
  void corpusHasAtLeastFiftyFiles() throws IOException {
    assertThat(corpus().count()).isGreaterThanOrEqualTo(50);
  }
}
