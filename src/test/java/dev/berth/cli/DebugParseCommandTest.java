package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebugParseCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(
        args, new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]));
  }

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void printsTheDumpOfTheFile() throws Exception {
    Path file = write("Dockerfile.dev", "FROM python:3.12 AS dev\nCOPY --chown=app . /src\n");

    int code = run("debug", "parse", "-f", file.toString());

    assertThat(code).isZero();
    assertThat(out.toString())
        .isEqualTo(
            "(from \"python:3.12\" \"AS\" \"dev\")\n(copy [\"--chown=app\"] \".\" \"/src\")\n");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void showsTheParserDirectivesWhenAsked() throws Exception {
    Path file = write("Dockerfile", "# syntax=docker/dockerfile:1\n# check=error=true\nFROM a\n");

    int code = run("debug", "parse", "--directives", "-f", file.toString());

    assertThat(code).isZero();
    assertThat(out.toString())
        .isEqualTo(
            "(directive \"syntax\" \"docker/dockerfile:1\")\n"
                + "(directive \"check\" \"error=true\")\n"
                + "(from \"a\")\n");
  }

  @Test
  void printsWarningsToStandardError() throws Exception {
    Path file = write("Dockerfile", "FROM a\nRUN a \\\n\n  b\n");

    int code = run("debug", "parse", "--file", file.toString());

    assertThat(code).isZero();
    assertThat(out.toString()).isEqualTo("(from \"a\")\n(run \"a   b\")\n");
    assertThat(err.toString()).startsWith(file + ":3:1: warning: empty continuation line");
  }

  @Test
  void aMalformedFileExitsTwoWithTheLocation() throws Exception {
    Path file = write("Dockerfile", "FROM a\nCMD [\"x\", [\"y\"]]\n");

    int code = run("debug", "parse", "-f", file.toString());

    assertThat(code).isEqualTo(2);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString())
        .startsWith(file + ":2:11: error: when using JSON array syntax")
        .contains("    CMD [\"x\", [\"y\"]]\n              ^");
  }

  @Test
  void aMissingFileExitsTwo() {
    Path missing = dir.resolve("nope");

    int code = run("debug", "parse", "-f", missing.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith(missing + ": error: no such file");
  }

  @Test
  void aDirectoryIsUnreadable() {
    int code = run("debug", "parse", "-f", dir.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith(dir + ": error: cannot read the file");
  }

  @Test
  void helpShowsExamples() {
    int code = run("debug", "parse", "--help");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("Examples:").contains("berth debug parse -f");
  }
}
