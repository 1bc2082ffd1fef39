package dev.berth.dockerfile.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShellLexErrorTest {

  private static final Map<String, String> ENV =
      Map.of("APP", "berth", "EMPTY", "", "BADPAT", "ab\\");
  private static final ShellLex LEX = new ShellLex('\\');

  private static Arguments c(String word, int offset, String reason) {
    return Arguments.of(word, offset, reason);
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        c("'open", 0, "unexpected end of statement while looking for matching single-quote"),
        c("say \"hi", 4, "unexpected end of statement while looking for matching double-quote"),
        c(
            "\"escaped end\\",
            0,
            "unexpected end of statement while looking for matching double-quote"),
        c("\"\\\"", 0, "unexpected end of statement while looking for matching double-quote"),
        c("x'\\''", 4, "unexpected end of statement while looking for matching single-quote"),
        c("${", 0, "syntax error: missing '}'"),
        c("x${APP", 1, "syntax error: missing '}'"),
        c("ab${APP:-abc", 2, "syntax error: missing '}'"),
        c("${APP:-${x}", 0, "syntax error: missing '}'"),
        c("${APP:-\\}", 0, "syntax error: missing '}'"),
        c("${APP:", 0, "syntax error: missing '}'"),
        c("${}", 0, "syntax error: bad substitution"),
        c("-${}-", 1, "syntax error: bad substitution"),
        c("${:-x}", 0, "syntax error: bad substitution"),
        c("${{APP}", 0, "syntax error: bad substitution"),
        c("${.x}", 0, "syntax error: bad substitution"),
        c("${APP:=x}", 0, "unsupported modifier (:=) in substitution"),
        c("${APP=x}", 0, "unsupported modifier (=) in substitution"),
        c("${APP:x}", 0, "unsupported modifier (:x) in substitution"),
        c("${APP^^}", 0, "unsupported modifier (^) in substitution"),
        c("${APP:/a/b}", 0, "unsupported modifier (:/) in substitution"),
        c("${1x}", 0, "unsupported modifier (x) in substitution"),
        c("${APP/abc", 0, "syntax error: missing '/' in ${}"),
        c("${APP//a/b", 0, "syntax error: missing '}'"),
        c("${APP#\\x}", 0, "invalid pattern (\\x) in substitution: invalid escape '\\x'"),
        c(
            "${APP##$BADPAT}",
            0,
            "invalid pattern (ab\\) in substitution: invalid escape at the end of the pattern"),
        // %-patterns are matched reversed, so the lone backslash escapes the letter before it.
        c("${APP%$BADPAT}", 0, "invalid pattern (ab\\) in substitution: invalid escape '\\b'"),
        c(
            "${APP/$BADPAT/}",
            0,
            "invalid pattern (ab\\) in substitution: invalid escape at the end of the pattern"),
        c("${UNSET?}", 0, "UNSET: is not allowed to be unset"),
        c("${UNSET:?}", 0, "UNSET: is not allowed to be unset"),
        c("${EMPTY:?}", 0, "EMPTY: is not allowed to be empty"),
        c("ok ${UNSET:?set $APP first}", 3, "UNSET: set berth first"),
        c("${EMPTY:?'must not be empty'}", 0, "EMPTY: must not be empty"),
        c("\"${UNSET?}\"", 1, "UNSET: is not allowed to be unset"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void expand_rejectsMalformedWords(String word, int offset, String reason) {
    ExpansionException e =
        catchThrowableOfType(ExpansionException.class, () -> LEX.expand(word, ENV));

    assertThat(e).as("expected an error for %s", word).isNotNull();
    assertThat(e.word()).isEqualTo(word);
    assertThat(e.reason()).isEqualTo(reason);
    assertThat(e.offset()).isEqualTo(offset);
  }

  @Test
  void message_namesTheWordTheReasonAndThePosition() {
    assertThatThrownBy(() -> LEX.processWord("x${APP", ENV))
        .isInstanceOf(ExpansionException.class)
        .hasMessage("failed to process \"x${APP\": syntax error: missing '}' (at character 2)");
  }

  @Test
  void message_countsCharactersNotUtf16Units() {
    ExpansionException e =
        catchThrowableOfType(ExpansionException.class, () -> LEX.processWord("🚀'x", ENV));

    assertThat(e.offset()).isEqualTo(2);
    assertThat(e.getMessage()).endsWith("(at character 2)");
  }

  @Test
  void message_escapesControlCharactersInTheWord() {
    assertThatThrownBy(() -> LEX.processWord("a\n'b", ENV))
        .hasMessageStartingWith("failed to process \"a\\n'b\":");
  }

  @Test
  void processWords_failsLikeProcessWord() {
    assertThatThrownBy(() -> LEX.processWords("one 'two", ENV))
        .isInstanceOf(ExpansionException.class)
        .hasMessageContaining("single-quote");
  }

  @Test
  void constructor_rejectsOtherEscapeTokens() {
    assertThatThrownBy(() -> new ShellLex('/'))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("escape token");
  }
}
