package dev.berth.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * dotenv golden files (src/test/resources/compose/dotenv/NAME.env and NAME.json: the variables, or
 * {@code {"error": message}}); INHERITED is set outside the file.
 */
class DotEnvTest {

  private static final Path DIR = Path.of("src/test/resources/compose/dotenv");

  static Stream<String> files() throws IOException {
    try (Stream<Path> s = Files.list(DIR)) {
      return s
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".env"))
          .map(n -> n.substring(0, n.length() - 4))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  @SuppressWarnings("unchecked")
  void readsAsDockerCompose(String name) throws Exception {
    String text = Files.readString(DIR.resolve(name + ".env"));
    Map<String, String> expected =
        new ObjectMapper().readValue(DIR.resolve(name + ".json").toFile(), Map.class);
    Map<String, String> outside = Map.of("INHERITED", "from-outside");
    if (expected.containsKey("error")) {
      assertThatThrownBy(() -> DotEnv.parse(text, k -> Optional.ofNullable(outside.get(k))))
          .isInstanceOfSatisfying(
              DotEnv.DotEnvException.class,
              e ->
                  assertThat("line " + e.line() + ": " + e.getMessage())
                      .isEqualTo(expected.get("error")));
      return;
    }
    assertThat(DotEnv.parse(text, k -> Optional.ofNullable(outside.get(k))))
        .containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void outsideValuesWinInExpansion_butNotOverTheFilesOwnValues() throws Exception {
    Map<String, String> r =
        DotEnv.parse("A=file\nB=${A}\n", k -> Optional.ofNullable(Map.of("A", "shell").get(k)));
    assertThat(r).containsEntry("A", "file").containsEntry("B", "shell");
  }
}
