package dev.berth.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerIgnoreTest {

  /** Patterns are separated by ';' in the table; "x" means excluded, "-" means kept. */
  @ParameterizedTest(name = "[{index}] {0} on {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          build                     | build                  | x
          build                     | build/out/app.jar      | x
          build                     | src/build              | -
          build                     | buildx                 | -
          *.log                     | error.log              | x
          *.log                     | logs/error.log         | -
          */*.log                   | logs/error.log         | x
          **/*.log                  | error.log              | x
          **/*.log                  | a/b/c/error.log        | x
          a/**/z                    | a/z                    | x
          a/**/z                    | a/b/c/z                | x
          a/**/z                    | a/b/c/zz               | -
          a/**                      | a/b/c                  | x
          a/**                      | a                      | -
          **                        | anything/at/all        | x
          temp?                     | temp1                  | x
          temp?                     | temp12                 | -
          temp?                     | temp/x                 | -
          file[0-9].txt             | file7.txt              | x
          file[0-9].txt             | filex.txt              | -
          file[^0-9].txt            | filex.txt              | x
          file[^0-9].txt            | file7.txt              | -
          a\\*b                     | a*b                    | x
          a\\*b                     | axb                    | -
          ./docs                    | docs/readme.md         | x
          /docs                     | docs/readme.md         | x
          docs/../secrets           | secrets/key            | x
          docs/                     | docs/x                 | x
          '  spaced  '              | spaced                 | x
          # comment                 | # comment              | -
          *.md;!README.md           | README.md              | -
          *.md;!README.md           | CHANGES.md             | x
          !README.md;*.md           | README.md              | x
          *.md;!README*.md;README-secret.md | README-secret.md | x
          *.md;README-secret.md;!README*.md | README-secret.md | -
          node_modules;!node_modules/keep   | node_modules/keep/a.js | -
          node_modules;!node_modules/keep   | node_modules/other.js  | x
          *;!src;src/**/*.pyc       | src/pkg/mod.pyc        | x
          *;!src;src/**/*.pyc       | src/pkg/mod.py         | -
          *;!src;src/**/*.pyc       | setup.cfg              | x
          **/__pycache__            | a/__pycache__/m.pyc    | x
          """)
  void matchesLikeDocker(String patterns, String path, String expected) throws Exception {
    DockerIgnore ignore =
        DockerIgnore.parse(".dockerignore", String.join("\n", patterns.split(";")));
    assertThat(ignore.matches(path)).isEqualTo(expected.equals("x"));
  }

  @Test
  void commentsBlankLinesWhitespaceAndCleaningAreNormalised() throws Exception {
    DockerIgnore ignore =
        DockerIgnore.parse(
            ".dockerignore",
            "\uFEFF# comment\n\n   \n  ./a//b/  \n! /c/../d\n/e\nf/./g\r\n # not a comment\n");
    assertThat(ignore.patterns()).containsExactly("a/b", "!d", "e", "f/g", "# not a comment");
  }

  @Test
  void unterminatedClassIsAnErrorNamingFileAndLine() {
    assertThatThrownBy(() -> DockerIgnore.parse("ctx/.dockerignore", "ok\n\n  bad[a-\n"))
        .isInstanceOfSatisfying(
            BerthException.class,
            e -> {
              assertThat(e.first().code()).isEqualTo("bad-ignore-pattern");
              assertThat(e.first().range()).isEqualTo(SourceRange.at("ctx/.dockerignore", 3, 3));
              assertThat(e.first().message()).contains("bad[a-");
            });
  }

  @Test
  void loneExclamationMarkIsAnError() {
    assertThatThrownBy(() -> DockerIgnore.parse(".dockerignore", "a\n!\n"))
        .isInstanceOfSatisfying(
            BerthException.class, e -> assertThat(e.first().range().startLine()).isEqualTo(2));
  }

  @Test
  void trailingBackslashIsAnError() {
    assertThatThrownBy(() -> DockerIgnore.parse(".dockerignore", "a\\"))
        .isInstanceOf(BerthException.class);
  }

  @Test
  void mayIncludeUnderOnlyWhenAnExceptionCanReachInside() throws Exception {
    DockerIgnore ignore =
        DockerIgnore.parse(
            ".dockerignore", "node_modules\nvendor\n!vendor/keep\ncache\n!**/*.keep");
    assertThat(ignore.mayIncludeUnder("vendor")).isTrue();
    assertThat(ignore.mayIncludeUnder("cache")).isTrue(); // **/*.keep can match anywhere
    DockerIgnore noDoubleStar = DockerIgnore.parse(".dockerignore", "node_modules\n!vendor/keep");
    assertThat(noDoubleStar.mayIncludeUnder("node_modules")).isFalse();
    assertThat(noDoubleStar.mayIncludeUnder("vendor")).isTrue();
    assertThat(DockerIgnore.parse("x", "a").mayIncludeUnder("a")).isFalse();
  }

  @Test
  void dockerfileSpecificIgnoreFileWinsOverTheContextOne(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(".dockerignore"), "from-context\n");
    Path df = Files.createDirectories(dir.resolve("build")).resolve("Dockerfile.dev");
    Files.writeString(df, "FROM scratch\n");
    assertThat(DockerIgnore.load(dir, Optional.of(df)).patterns()).containsExactly("from-context");
    Files.writeString(df.resolveSibling("Dockerfile.dev.dockerignore"), "specific\n");
    DockerIgnore loaded = DockerIgnore.load(dir, Optional.of(df));
    assertThat(loaded.patterns()).containsExactly("specific");
    assertThat(loaded.source()).contains(df.resolveSibling("Dockerfile.dev.dockerignore"));
  }

  @Test
  void noIgnoreFileIgnoresNothing(@TempDir Path dir) throws Exception {
    DockerIgnore ignore = DockerIgnore.load(dir, Optional.empty());
    assertThat(ignore.isEmpty()).isTrue();
    assertThat(ignore.matches("anything")).isFalse();
  }

  @Test
  void dockerfileAndIgnoreFileCanBeExcludedFromCopies() throws Exception {
    DockerIgnore ignore = DockerIgnore.parse(".dockerignore", "Dockerfile\n.dockerignore\n");
    assertThat(ignore.matches("Dockerfile")).isTrue();
    assertThat(ignore.matches(".dockerignore")).isTrue();
  }
}
