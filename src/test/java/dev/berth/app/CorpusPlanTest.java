package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.DockerfileReader;
import dev.berth.dockerfile.Stage;
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
    // The default target is the file's last stage, and every instruction of it is planned.
    Dockerfile parsed = DockerfileReader.parse(file.toString(), Files.readString(file));
    Stage last = parsed.stages().get(parsed.stages().size() - 1);
    PlanView.StageView target = plan.stages().get(plan.stages().size() - 1);
    assertThat(target.index()).isEqualTo(last.index());
    assertThat(target.steps().stream().filter(s -> !s.trigger()))
        .hasSize(last.instructions().size());
    assertThat(target.steps()).allSatisfy(step -> assertThat(step.text()).isNotBlank());
  }

  @org.junit.jupiter.api.Test
  void corpusHasAtLeastFiftyFiles() throws IOException {
    assertThat(corpus().count()).isGreaterThanOrEqualTo(50);
  }
}
