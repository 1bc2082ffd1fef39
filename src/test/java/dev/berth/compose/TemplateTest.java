package dev.berth.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The interpolation table, src/test/resources/compose/interpolation.txt. */
class TemplateTest {

  private static final Map<String, String> ENV = Map.of("NAME", "berth", "EMPTY", "");

  static Stream<Arguments> table() throws IOException {
    return Files.readAllLines(Path.of("src/test/resources/compose/interpolation.txt")).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .map(
            l -> {
              int bar = l.lastIndexOf(" |");
              return Arguments.of(l.substring(0, bar), l.substring(bar + 2).strip());
            });
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("table")
  void substitutesAsDockerCompose(String template, String expected) {
    Template t = new Template(k -> Optional.ofNullable(ENV.get(k)), new LinkedHashSet<>());
    if (expected.startsWith("error: ")) {
      assertThatThrownBy(() -> t.substitute(template))
          .isInstanceOf(Template.TemplateException.class)
          .hasMessage(expected.substring("error: ".length()));
    } else {
      assertThat(substitute(t, template)).isEqualTo(expected);
    }
  }

  @Test
  void unsetVariablesWithoutDefaultAreReported_withDefaultTheyAreNot() throws Exception {
    Set<String> unset = new LinkedHashSet<>();
    Template t = new Template(k -> Optional.ofNullable(ENV.get(k)), unset);
    t.substitute("${A} $B ${C:-x} ${D-y}");
    assertThat(unset).containsExactly("A", "B");
  }

  private static String substitute(Template t, String template) {
    try {
      return t.substitute(template);
    } catch (Template.TemplateException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }
}
