package dev.berth.scaffold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.check.CheckOptions;
import dev.berth.check.CheckReport;
import dev.berth.check.Checker;
import dev.berth.context.DockerIgnore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Dockerfile init writes passes berth's own linter with no finding, for the default target
 * (prod) and for dev, with the .dockerignore init writes beside it.
 */
class GoldenDockerfilesCheckTest {

  static Iterable<Path> cases() throws IOException {
    return GoldenFilesTest.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void checksClean(Path dir) throws IOException {
    Path dockerfile = dir.resolve("Dockerfile");
    DockerIgnore ignore = DockerIgnore.load(dir, Optional.of(dockerfile));
    for (Optional<String> target : new Optional[] {Optional.empty(), Optional.of("dev")}) {
      CheckReport r =
          new Checker()
              .check(
                  dockerfile.toString(),
                  Files.readString(dockerfile),
                  CheckOptions.defaults().withTarget(target).withIgnored(ignore::matches));
      assertThat(r.errors()).as(dockerfile + " errors").isEmpty();
      assertThat(r.findings())
          .as(dockerfile + " findings for target " + target.orElse("(last)"))
          .isEmpty();
    }
  }
}
