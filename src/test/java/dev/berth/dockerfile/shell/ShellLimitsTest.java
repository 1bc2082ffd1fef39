package dev.berth.dockerfile.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expansion stays within ShellLimits and says which limit a word passed. */
class ShellLimitsTest {

  private final ShellLex lex = new ShellLex('\\');

  private static String nested(int depth) {
    return "${a:-".repeat(depth) + "z" + "}".repeat(depth);
  }

  @Test
  void nestingUpToTheLimitExpands_oneMoreIsAnErrorNotAStackOverflow() throws Exception {
    assertThat(lex.processWord(nested(ShellLimits.MAX_NESTING), Map.of())).isEqualTo("z");
    ExpansionException e =
        catchThrowableOfType(
            () -> lex.processWord(nested(ShellLimits.MAX_NESTING + 1), Map.of()),
            ExpansionException.class);
    assertThat(e.reason()).isEqualTo("more than 64 nested ${...} expansions (berth's limit)");
    // Far deeper than any stack takes: still the same error.
    assertThat(
            catchThrowableOfType(
                () -> lex.processWord(nested(100_000), Map.of()), ExpansionException.class))
        .isNotNull();
  }

  @Test
  void nestingThroughDoubleQuotesCountsToo() {
    String word = "\"${a:-".repeat(70) + "z" + "}\"".repeat(70);
    ExpansionException e =
        catchThrowableOfType(() -> lex.processWord(word, Map.of()), ExpansionException.class);
    assertThat(e.reason()).contains("nested");
  }

  @Test
  void aWordWhoseExpansionPassesTheWordLimitIsRefused() throws Exception {
    String half = "x".repeat(ShellLimits.MAX_WORD_CHARS / 2);
    assertThat(lex.processWord("$A$A", Map.of("A", half))).hasSize(ShellLimits.MAX_WORD_CHARS);
    ExpansionException e =
        catchThrowableOfType(
            () -> lex.processWord("$A$A-", Map.of("A", half + "y")), ExpansionException.class);
    assertThat(e.reason())
        .isEqualTo("the expansion is longer than 4 Mi characters (berth's limit for one word)");
    assertThat(e.offset()).isEqualTo(2);
    assertThat(
            catchThrowableOfType(
                () -> lex.processWord("\"$A$A\"", Map.of("A", half + "y")),
                ExpansionException.class))
        .isNotNull();
  }

  @Test
  void aReplacementThatMultipliesAValuePastTheLimitIsRefused() {
    Map<String, String> env = Map.of("A", "x".repeat(100), "R", "y".repeat(60_000));
    ExpansionException e =
        catchThrowableOfType(() -> lex.processWord("${A//x/$R}", env), ExpansionException.class);
    assertThat(e.reason()).contains("longer than 4 Mi characters");
  }

  @Test
  void aSharedBudgetBoundsManyWordsEachUnderTheWordLimit() throws Exception {
    ExpansionBudget budget = new ExpansionBudget(10);
    ShellLex a = new ShellLex('\\', ShellOptions.DEFAULT, budget);
    ShellLex b = new ShellLex('\\', ShellOptions.DEFAULT, budget);
    a.processWord("$A", Map.of("A", "12345"));
    b.processWord("$A", Map.of("A", "12345"));
    ExpansionException e =
        catchThrowableOfType(() -> a.processWord("$A", Map.of("A", "1")), ExpansionException.class);
    assertThat(e.reason()).contains("produce more than 10 characters in all");
  }

  @Test
  void errorMessagesShowALongWordCutInTheMiddle() {
    String word = "${A:?" + "m".repeat(10_000) + "}";
    ExpansionException e =
        catchThrowableOfType(() -> lex.processWord(word, Map.of()), ExpansionException.class);
    assertThat(e.getMessage()).contains("…").contains("(10006 characters)");
    assertThat(ShellLimits.brief(word))
        .hasSizeLessThan(200)
        .contains("…")
        .endsWith("(10006 characters)");
  }
}
