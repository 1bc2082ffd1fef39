package dev.berth.dockerfile.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShellLexOptionsTest {

  private static final Map<String, String> ENV = Map.of("APP", "berth", "EMPTY", "");

  @Test
  void backtickEscape_leavesBackslashLiteral() throws Exception {
    ShellLex lex = new ShellLex('`');

    assertThat(lex.processWord("C:\\Users\\$APP", ENV)).isEqualTo("C:\\Users\\berth");
    assertThat(lex.processWord("a`$APP", ENV)).isEqualTo("a$APP");
    assertThat(lex.processWord("a``b", ENV)).isEqualTo("a`b");
    assertThat(lex.processWord("end`", ENV)).isEqualTo("end");
    assertThat(lex.processWord("\"q`\"uote\"", ENV)).isEqualTo("q\"uote");
    assertThat(lex.processWord("\"`n\\\"", ENV)).isEqualTo("`n\\");
    assertThat(lex.processWord("${MISSING:-`}}", ENV)).isEqualTo("}");
  }

  @Test
  void backtickEscape_protectsSpacesFromSplitting() throws Exception {
    ShellLex lex = new ShellLex('`');

    assertThat(lex.processWords("Program` Files x\\ y", ENV))
        .containsExactly("Program Files", "x\\", "y");
  }

  @Test
  void rawQuotes_keepsQuoteCharactersButStillProtectsTheirContent() throws Exception {
    ShellLex lex = new ShellLex('\\', new ShellOptions(true, false));

    assertThat(lex.processWord("'a $APP' \"b $APP\"", ENV)).isEqualTo("'a $APP' \"b berth\"");
    assertThat(lex.processWords("'a b' \"c  d\" e", ENV)).containsExactly("'a b'", "\"c  d\"", "e");
    assertThat(lex.processWord("\\\"x", ENV)).isEqualTo("\"x");
  }

  @Test
  void rawEscapes_keepsEscapeTokens() throws Exception {
    ShellLex lex = new ShellLex('\\', new ShellOptions(false, true));

    assertThat(lex.processWord("a\\b \\$APP $APP", ENV)).isEqualTo("a\\b \\$APP berth");
    assertThat(lex.processWord("\"\\$APP\"", ENV)).isEqualTo("\\$APP");
    assertThat(lex.processWord("end\\", ENV)).isEqualTo("end\\");
    assertThat(lex.processWords("one\\ two", ENV)).containsExactly("one\\ two");
  }

  @Test
  void rawEscapes_doNotReachDefaultWords() throws Exception {
    // BuildKit reads the word of :- / :+ / :? with escapes processed, whatever the option says.
    ShellLex lex = new ShellLex('\\', new ShellOptions(false, true));

    assertThat(lex.processWord("${MISSING:-\\$x}", ENV)).isEqualTo("$x");
  }

  @Test
  void skipProcessQuotes_expandsInsideQuotesAndKeepsThem() throws Exception {
    ShellLex lex = new ShellLex('\\', new ShellOptions(false, false, true, false));

    assertThat(lex.processWord("echo \"$APP\" '$APP'", ENV)).isEqualTo("echo \"berth\" 'berth'");
    assertThat(lex.processWord("say \\$APP", ENV)).isEqualTo("say $APP");
    assertThat(lex.processWord("unbalanced ' quote", ENV)).isEqualTo("unbalanced ' quote");
  }

  @Test
  void skipUnsetEnv_leavesUnsetReferencesAsWritten() throws Exception {
    ShellLex lex = new ShellLex('\\', new ShellOptions(false, false, false, true));
    String word = "$APP $NOPE ${NOPE} ${NOPE:-d} ${NOPE+x} ${NOPE#p} ${NOPE//a/b} ${EMPTY:-e}";

    Expansion e = lex.expand(word, ENV);

    assertThat(e.value())
        .isEqualTo("berth $NOPE ${NOPE} ${NOPE:-d} ${NOPE+x} ${NOPE#p} ${NOPE//a/b} e");
    assertThat(e.unmatched()).containsExactly("NOPE");
  }

  @Test
  void options_defaultIsAllFalse() {
    assertThat(ShellOptions.DEFAULT).isEqualTo(new ShellOptions(false, false));
    assertThat(new ShellLex('\\').options()).isEqualTo(ShellOptions.DEFAULT);
  }

  @Test
  void lex_isSafeToShareBetweenThreads() throws Exception {
    ShellLex lex = new ShellLex('\\');
    List<String> results =
        IntStream.range(0, 200)
            .parallel()
            .mapToObj(
                i -> {
                  try {
                    return lex.processWord("${N:-none}-$N", Map.of("N", Integer.toString(i)));
                  } catch (ExpansionException e) {
                    throw new AssertionError(e);
                  }
                })
            .toList();

    for (int i = 0; i < 200; i++) {
      assertThat(results.get(i)).isEqualTo(i + "-" + i);
    }
  }
}
