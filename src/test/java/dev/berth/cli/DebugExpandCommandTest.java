package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DebugExpandCommandTest {

  /** The exit code and both streams of one run. */
  private record Run(int code, String out, String err) {}

  private static Run withStdin(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), in);
    return new Run(code, out.toString(), err.toString());
  }

  private static Run berth(String... args) {
    return withStdin("", args);
  }

  @Test
  void arguments_printOneJsonStringPerWord() {
    Run r =
        berth(
            "debug",
            "expand",
            "--env",
            "TAG=1.2",
            "--env",
            "EMPTY=",
            "img:${TAG}",
            "'$TAG' \"q\\\"\"",
            "${EMPTY:-dflt}|${EMPTY-x}");

    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("\"img:1.2\"\n\"$TAG q\\\"\"\n\"dflt|\"\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void words_printsJsonArrays() {
    Run r = berth("debug", "expand", "--words", "--env", "F=-x  -y", "cmd \"$F\" $F", "''");

    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("[\"cmd\",\"-x  -y\",\"-x\",\"-y\"]\n[]\n");
  }

  @Test
  void escapeOption_switchesTheEscapeToken() {
    Run r = berth("debug", "expand", "--escape", "`", "C:\\dir`$X");

    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("\"C:\\\\dir$X\"\n");
  }

  @Test
  void expansionError_printsMessageAndExits2() {
    Run r = berth("debug", "expand", "fine", "${NEEDED:?set NEEDED}", "never");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEqualTo("\"fine\"\n");
    assertThat(r.err())
        .isEqualTo(
            "berth: failed to process \"${NEEDED:?set NEEDED}\": NEEDED: set NEEDED"
                + " (at character 1)\n");
  }

  @Test
  void badEscapeOrEnv_isAUsageError() {
    Run escape = berth("debug", "expand", "--escape", "#", "w");
    Run env = berth("debug", "expand", "--env", "NOEQUALS", "w");

    assertThat(escape.code()).isEqualTo(2);
    assertThat(escape.err()).startsWith("berth: --escape must be");
    assertThat(env.code()).isEqualTo(2);
    assertThat(env.err()).startsWith("berth: --env needs NAME=VALUE");
  }

  @Test
  void stdin_answersEachJsonLine() {
    String stdin =
        String.join(
            "\n",
            "{\"word\": \"${A}-${B:-b}\", \"env\": {\"A\": \"α\"}}",
            "{\"word\": \"x $S\", \"env\": {\"S\": \"1 2\"}, \"words\": true}",
            "",
            "{\"word\": \"'open\"}",
            "this is not json",
            "{\"env\": {}}",
            "[1, 2]",
            "{\"word\": \"$A\", \"env\": {\"A\": 5}}",
            "{\"word\": \"$A|${BASE}\", \"env\": {\"BASE\": null}}",
            "{\"word\": \"`$A\", \"escape\": \"`\", \"env\": {\"A\": \"a\"}}",
            "");

    Run r = withStdin(stdin, "debug", "expand", "--env", "BASE=base");

    assertThat(r.code()).isZero();
    assertThat(r.out().split("\n", -1))
        .containsExactly(
            "{\"result\":\"α-b\"}",
            "{\"words\":[\"x\",\"1\",\"2\"]}",
            "{\"error\":\"failed to process \\\"'open\\\": unexpected end of statement while"
                + " looking for matching single-quote (at character 1)\"}",
            "{\"error\":\"bad request: not JSON: Unrecognized token 'this': was expecting (JSON"
                + " String, Number, Array, Object or token 'null', 'true' or 'false')\"}",
            "{\"error\":\"bad request: \\\"word\\\" must be a string\"}",
            "{\"error\":\"bad request: expected a JSON object\"}",
            "{\"error\":\"bad request: \\\"env\\\" value of A must be a string or null\"}",
            "{\"result\":\"|\"}",
            "{\"result\":\"$A\"}",
            "");
  }

  @Test
  void stdin_usesWordsFlagAsDefault() {
    Run r =
        withStdin(
            "{\"word\": \"a b\"}\n{\"word\": \"a b\", \"words\": false}\n",
            "debug",
            "expand",
            "--words");

    assertThat(r.out()).isEqualTo("{\"words\":[\"a\",\"b\"]}\n{\"result\":\"a b\"}\n");
  }

  @Test
  void help_showsExamples() {
    Run r = berth("debug", "expand", "--help");

    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Examples:", "${NAME:-none}", "--words");
  }

  @Test
  void debug_listsExpand() {
    assertThat(berth("debug", "--help").out()).contains("expand");
  }
}
