package dev.berth.dockerfile.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

class ShellLexPropertiesTest {

  private static final ShellLex LEX = new ShellLex('\\');

  @Property
  void wordsWithoutSpecialCharacters_expandToThemselves(
      @ForAll
          @CharRange(from = 'a', to = 'z')
          @Chars({' ', '.', '/', '-', ':', '{', '}'})
          @StringLength(max = 40)
          String word)
      throws Exception {
    assertThat(LEX.processWord(word, Map.of("a", "unused"))).isEqualTo(word);
    assertThat(LEX.processWords(word, Map.of()))
        .isEqualTo(Arrays.stream(word.split(" ")).filter(w -> !w.isEmpty()).toList());
  }

  @Property
  void singleQuotedText_isTakenLiterally(
      @ForAll @CharRange(from = ' ', to = '~') @StringLength(max = 40) String text)
      throws Exception {
    String body = text.replace("'", "");

    assertThat(LEX.processWord("'" + body + "'", Map.of("a", "x"))).isEqualTo(body);
  }

  @Property
  void escapingEveryCharacter_givesItBackLiterally(
      @ForAll @CharRange(from = ' ', to = '~') @StringLength(max = 40) String text)
      throws Exception {
    StringBuilder escaped = new StringBuilder();
    text.chars().forEach(c -> escaped.append('\\').append((char) c));

    assertThat(LEX.processWord(escaped.toString(), Map.of("a", "x"))).isEqualTo(text);
    if (!text.isBlank() || text.isEmpty()) {
      assertThat(LEX.processWords(escaped.toString(), Map.of()))
          .isEqualTo(text.isEmpty() ? List.of() : List.of(text));
    }
  }
}
