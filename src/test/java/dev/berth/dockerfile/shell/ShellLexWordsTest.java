package dev.berth.dockerfile.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShellLexWordsTest {

  private static final Map<String, String> ENV =
      Map.of(
          "PAIR", "left right",
          "PADDED", "  mid  ",
          "TABS", "a\tb\nc",
          "NBSP", "x\u00a0y",
          "EMPTY", "");
  private static final ShellLex LEX = new ShellLex('\\');

  private static Arguments c(String word, String... expected) {
    return Arguments.of(word, List.of(expected));
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        c(""),
        c("   "),
        c("single", "single"),
        c("  spaced   out  ", "spaced", "out"),
        c("tab\tand\nnewline", "tab", "and", "newline"),
        c("[$PAIR]", "[left", "right]"),
        c("[\"$PAIR\"]", "[left right]"),
        c("[${PAIR}]x y", "[left", "right]x", "y"),
        c("a${PADDED}b", "a", "mid", "b"),
        c("a\"${PADDED}\"b", "a  mid  b"),
        c("$PADDED", "mid"),
        c("pre$PADDED", "pre", "mid"),
        c("${PADDED}post", "mid", "post"),
        c("$TABS", "a", "b", "c"),
        c("$NBSP", "x", "y"),
        c("'one  two' three", "one  two", "three"),
        c("one\\ two three", "one two", "three"),
        c("one\\  two", "one ", "two"),
        c("a\\\"b c", "a\"b", "c"),
        c("\"\" x", "x"),
        c("'' ''"),
        c("x $EMPTY y", "x", "y"),
        c("x \"$EMPTY\" y", "x", "y"),
        c("${MISSING:-d e}", "d", "e"),
        c("${MISSING:-\"d e\"}", "d", "e"),
        c("'$PAIR' \"$PAIR\"", "$PAIR", "left right"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("cases")
  void processWords_splitsAsBuildKit(String word, List<String> expected) throws Exception {
    assertThat(LEX.processWords(word, ENV)).isEqualTo(expected);
  }
}
