package dev.berth.dockerfile.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShellPatternTest {

  @Test
  void reversePattern_keepsEscapePairsInOrder() {
    assertThat(ShellPattern.reversePattern("x\\?yz")).isEqualTo("zy\\?x");
    assertThat(ShellPattern.reversePattern("\\\\q")).isEqualTo("q\\\\");
    assertThat(ShellPattern.reversePattern("pq\\")).isEqualTo("\\qp");
    assertThat(ShellPattern.reversePattern("🛸a🚀")).isEqualTo("🚀a🛸");
  }

  @Test
  void compile_quotesRegexMetacharacters() throws Exception {
    String literal = "a.b+c(d)[e]{f}|g^h$i";

    assertThat(ShellPattern.compile(literal, true, true).matcher(literal).matches()).isTrue();
    assertThat(ShellPattern.compile(literal, true, true).matcher("aXb+c(d)[e]{f}|g^h$i").find())
        .isFalse();
  }

  @Test
  void compile_rejectsUnknownEscapes() {
    assertThatThrownBy(() -> ShellPattern.compile("a\\n", true, true))
        .isInstanceOf(ShellPattern.InvalidPatternException.class)
        .hasMessage("invalid escape '\\n'");
    assertThatThrownBy(() -> ShellPattern.compile("a\\", true, true))
        .hasMessage("invalid escape at the end of the pattern");
  }

  @Test
  void compile_dropsBackslashBeforeBraceAndSlash() throws Exception {
    assertThat(ShellPattern.compile("\\}\\/", true, true).matcher("}/").matches()).isTrue();
  }

  @Test
  void wildcards_doNotMatchNewlines() throws Exception {
    assertThat(ShellPattern.removePrefix("ab\ncd", "*c", true)).isEqualTo("ab\ncd");
    assertThat(ShellPattern.removePrefix("ab\ncd", "ab?", true)).isEqualTo("ab\ncd");
    assertThat(ShellPattern.removePrefix("ab\ncd", "ab\n", true)).isEqualTo("cd");
  }

  @Test
  void removeSuffix_shortestAndLongest() throws Exception {
    assertThat(ShellPattern.removeSuffix("x-y-z", "-*", false)).isEqualTo("x-y");
    assertThat(ShellPattern.removeSuffix("x-y-z", "-*", true)).isEqualTo("x");
  }

  @Test
  void replaceAll_skipsEmptyMatchRightAfterAMatch() throws Exception {
    assertThat(ShellPattern.replace("abc", "*", "<>", true, Integer.MAX_VALUE)).isEqualTo("<>");
    assertThat(ShellPattern.replace("ab", "", "-", true, Integer.MAX_VALUE)).isEqualTo("-a-b-");
    assertThat(ShellPattern.replace("aXbX", "X", "", true, Integer.MAX_VALUE)).isEqualTo("ab");
  }

  @Test
  void replaceFirst_takesReplacementLiterally() throws Exception {
    assertThat(ShellPattern.replace("aXbX", "X", "$0", false, Integer.MAX_VALUE))
        .isEqualTo("a$0bX");
  }

  @Test
  void goTemplate_expandsOnlyGroupZeroAndDoubleDollar() {
    StringBuilder out = new StringBuilder();
    GoTemplate.expand("$0|${0}|$00|$$|$1|${name}|$name|${x|$|$.", "M", out);

    assertThat(out).hasToString("M|M|M|$||||${x|$|$.");
  }
}
