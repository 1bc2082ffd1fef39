package dev.berth.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The seed's Dockerfile, verbatim, checked as a dev container for {@code app-pre} and a production
 * build of {@code app} would use it: each of its known mistakes is found, at its line.
 */
class SeedCheckTest {

  private static CheckReport check() throws IOException {
    Path file = Path.of("examples/seed/Dockerfile");
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return new Checker()
        .check(file.toString(), text, CheckOptions.defaults().withTarget(Optional.of("app-pre")));
  }

  private static List<String> lines(CheckReport r, String rule) {
    return r.findings().stream()
        .filter(f -> f.rule().name().equals(rule))
        .map(f -> f.line() + ": " + f.message())
        .toList();
  }

  @Test
  void findsEveryKnownMistakeAtItsLine() throws IOException {
    CheckReport r = check();
    assertThat(r.errors()).isEmpty();
    assertThat(lines(r, "ArgOutOfScope"))
        .singleElement()
        .asString()
        .startsWith("72: POETRY_VERSION is declared by ARG only in stage builder (line 21)")
        .contains("empty in stage app");
    assertThat(lines(r, "UndefinedVar"))
        .containsExactly("72: Usage of undefined variable '$POETRY_VERSION'");
    assertThat(lines(r, "FromAsCasing"))
        .containsExactly(
            "55: 'as' and 'FROM' keywords' casing do not match",
            "66: 'as' and 'FROM' keywords' casing do not match");
    assertThat(lines(r, "DevDependenciesInProduction"))
        .singleElement()
        .asString()
        .startsWith("82: production stage app copies /app from stage app-pre")
        .contains("'poetry install --with dev' (line 58)");
    assertThat(lines(r, "ProjectInstalledBeforeSources"))
        .singleElement()
        .asString()
        .startsWith("58: 'poetry install --with dev' installs the project itself")
        .contains("only pyproject.toml, poetry.lock have been copied");
    assertThat(lines(r, "ProductionRunsAsRoot"))
        .singleElement()
        .asString()
        .startsWith("55: stage app-pre is built as an image to run, and it runs as root");
    assertThat(lines(r, "NumericUser")).singleElement().asString().startsWith("113: USER ${UID}");
    assertThat(lines(r, "PathEntryMissing"))
        .singleElement()
        .asString()
        .startsWith("72: PATH entry /opt/pipx/bin does not exist in stage app");
  }

  @Test
  void pointsAtTheWordsAndOffersAFix() throws IOException {
    CheckReport r = check();
    Finding as =
        r.findings().stream()
            .filter(f -> f.rule().name().equals("FromAsCasing"))
            .findFirst()
            .orElseThrow();
    assertThat(as.range().startColumn()).isEqualTo(14);
    assertThat(as.fix()).isEqualTo("write 'AS' to match 'FROM'");
    assertThat(r.findings()).allSatisfy(f -> assertThat(f.fix()).isNotBlank());
  }
}
