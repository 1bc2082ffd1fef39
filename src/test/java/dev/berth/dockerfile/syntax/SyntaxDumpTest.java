package dev.berth.dockerfile.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyntaxDumpTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\0',
      value = {
        "plain|\"plain\"",
        "say \"hi\"|\"say \\\"hi\\\"\"",
        "back\\slash|\"back\\\\slash\"",
        "ünïcödé ☃|\"ünïcödé ☃\"",
      })
  void quotesLikeGo(String in, String out) {
    assertThat(GoQuote.quote(in)).isEqualTo(out);
  }

  @Test
  void escapesControlAndInvisibleCharacters() {
    assertThat(GoQuote.quote("\u0007\b\f\n\r\t\u000b")).isEqualTo("\"\\a\\b\\f\\n\\r\\t\\v\"");
    assertThat(GoQuote.quote("\u0000\u001f\u007f")).isEqualTo("\"\\x00\\x1f\\x7f\"");
    assertThat(GoQuote.quote("\u00a0\u00ad\u200b\u2028"))
        .isEqualTo("\"\\u00a0\\u00ad\\u200b\\u2028\"");
    assertThat(GoQuote.quote("\uDB40\uDC01")).isEqualTo("\"\\U000e0001\"");
    assertThat(GoQuote.quote("\uD800")).isEqualTo("\"\\ufffd\"");
    assertThat(GoQuote.quote("😀")).isEqualTo("\"😀\"");
  }

  @Test
  void dumpsFlagsArgumentsAndTriggers() throws Exception {
    SyntaxTree tree =
        DockerfileParser.parse(
            "Dockerfile",
            "FROM a\nCMD --x\nONBUILD RUN --network=none [\"a b\"]\nEXPOSE 1 2\nHEALTHCHECK\n");
    assertThat(SyntaxDump.dump(tree))
        .isEqualTo(
            "(from \"a\")\n(cmd [\"--x\"])\n(onbuild (run [\"--network=none\"] \"a b\"))\n"
                + "(expose \"1\" \"2\")\n(healthcheck)");
  }
}
