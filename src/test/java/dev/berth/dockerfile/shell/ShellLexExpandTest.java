package dev.berth.dockerfile.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShellLexExpandTest {

  /** APP is set, EMPTY is set to "", MISSING is never set. */
  private static final Map<String, String> ENV =
      Map.of(
          "APP", "berth",
          "EMPTY", "",
          "DIR", "/srv/app",
          "FILE", "archive.tar.gz",
          "STARS", "a**b*",
          "GREEK", "αβγ",
          "MULTI", "one two");

  private static final ShellLex LEX = new ShellLex('\\');

  private static Arguments c(String word, String expected) {
    return Arguments.of(word, expected);
  }

  static Stream<Arguments> plainAndVariables() {
    return Stream.of(
        c("", ""),
        c("plain", "plain"),
        c("$APP", "berth"),
        c("${APP}", "berth"),
        c("x$APP-y", "xberth-y"),
        c("x${APP}y", "xberthy"),
        c("$APPy", ""),
        c("${APP}y", "berthy"),
        c("$MISSING|", "|"),
        c("${EMPTY}.", "."),
        c("$GREEK/$APP", "αβγ/berth"),
        c("${GREEK}!", "αβγ!"),
        c("$APP$APP", "berthberth"),
        c("cost: 5$", "cost: 5$"),
        c("$/x", "$/x"),
        c("a$ b", "a$ b"),
        c("${APP}}", "berth}"));
  }

  static Stream<Arguments> defaultsAndAlternatives() {
    return Stream.of(
        // unset vs empty: the colon forms treat "" like unset
        c("${MISSING-dflt}", "dflt"),
        c("${EMPTY-dflt}", ""),
        c("${APP-dflt}", "berth"),
        c("${MISSING:-dflt}", "dflt"),
        c("${EMPTY:-dflt}", "dflt"),
        c("${APP:-dflt}", "berth"),
        c("${MISSING+alt}", ""),
        c("${EMPTY+alt}", "alt"),
        c("${APP+alt}", "alt"),
        c("${MISSING:+alt}", ""),
        c("${EMPTY:+alt}", ""),
        c("${APP:+alt}", "alt"),
        c("${EMPTY?oops}", ""),
        c("${APP?oops}", "berth"),
        c("${APP:?oops}", "berth"),
        c("${MISSING:-}", ""),
        // nested words inside modifiers
        c("${MISSING:-$APP}", "berth"),
        c("${MISSING:-${DIR}/bin}", "/srv/app/bin"),
        c("${MISSING:-${ALSO_MISSING:-deep}}", "deep"),
        c("${APP:+v=${APP}}", "v=berth"),
        c("${APP:+${MISSING}}", ""),
        c("${MISSING:-a b  c}", "a b  c"),
        c("${MISSING:-'q}uoted'}", "q}uoted"),
        c("${MISSING:-\"$APP\"}", "berth"),
        c("${MISSING:-\\}}", "}"),
        c("${MISSING:-\\$APP}", "$APP"),
        c("${MISSING:-x{y}", "x{y"));
  }

  static Stream<Arguments> patterns() {
    return Stream.of(
        c("${FILE#*.}", "tar.gz"),
        c("${FILE##*.}", "gz"),
        c("${FILE%.*}", "archive.tar"),
        c("${FILE%%.*}", "archive"),
        c("${FILE#archive}", ".tar.gz"),
        c("${FILE#nomatch}", "archive.tar.gz"),
        c("${FILE%.gz}", "archive.tar"),
        c("${FILE#?r}", "chive.tar.gz"),
        c("${FILE%??}", "archive.tar."),
        c("${FILE#}", "archive.tar.gz"),
        c("${FILE%%}", "archive.tar.gz"),
        c("${FILE#*}", "archive.tar.gz"),
        c("${FILE##*}", ""),
        c("${DIR#/}", "srv/app"),
        c("${DIR##*/}", "app"),
        c("${DIR%/*}", "/srv"),
        c("${MISSING#x}", ""),
        c("${STARS#a\\*}", "*b*"),
        c("${STARS%\\*}", "a**b"),
        c("${STARS%%\\**}", "a"),
        c("${FILE#\"arch\"}", "ive.tar.gz"),
        c("${FILE#$MISSING}", "archive.tar.gz"),
        c("${GREEK#?}", "βγ"),
        c("${GREEK%?}", "αβ"),
        c("${FILE/a/A}", "Archive.tar.gz"),
        c("${FILE//a/A}", "Archive.tAr.gz"),
        c("${FILE/.*/}", "archive"),
        c("${FILE//?r/_}", "_chive.t_.gz"),
        c("${DIR//\\//:}", ":srv:app"),
        c("${DIR/srv/$APP}", "/berth/app"),
        c("${FILE/zzz/y}", "archive.tar.gz"),
        c("${FILE//*/one}", "one"),
        c("${DIR/\\/srv/}", "/app"),
        c("${MISSING/a/b}", ""),
        c("${APP/$MISSING/>}", ">berth"),
        c("${APP///}", "berth"));
  }

  static Stream<Arguments> specialParameters() {
    return Stream.of(
        c("$0", ""),
        c("$1st", "st"),
        c("$42x", "x"),
        c("${12}", ""),
        c("${7:-seven}", "seven"),
        c("${3:+three}", ""),
        c("$@x", "x"),
        c("$**", "*"),
        c("$#", ""),
        c("$?", ""),
        c("$$", ""),
        c("$!", ""),
        c("$-", ""),
        c("${#:-n}", "n"),
        c("${@}y", "y"));
  }

  static Stream<Arguments> quotesAndEscapes() {
    return Stream.of(
        c("'$APP'", "$APP"),
        c("\"$APP\"", "berth"),
        c("\"'$APP'\"", "'berth'"),
        c("'\"$APP\"'", "\"$APP\""),
        c("a'b c'd", "ab cd"),
        c("\"a  b\"", "a  b"),
        c("\\$APP", "$APP"),
        c("\\\\$APP", "\\berth"),
        c("\\'x", "'x"),
        c("\\\"x", "\"x"),
        c("a\\bc", "abc"),
        c("trailing\\", "trailing"),
        c("'back\\slash'", "back\\slash"),
        c("'\\'", "\\"),
        c("\"in\\\"side\"", "in\"side"),
        c("\"keep\\n\"", "keep\\n"),
        c("\"\\$APP\"", "$APP"),
        c("\"\\\\$APP\"", "\\berth"),
        c("\"${APP}s\"", "berths"),
        c("\"\"", ""),
        c("''", ""),
        c("\\${APP}", "${APP}"),
        c("x\\${}", "x${}"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource({
    "plainAndVariables",
    "defaultsAndAlternatives",
    "patterns",
    "specialParameters",
    "quotesAndEscapes"
  })
  void processWord_expandsAsBuildKit(String word, String expected) throws Exception {
    assertThat(LEX.processWord(word, ENV)).isEqualTo(expected);
  }

  @Test
  void expand_reportsMatchedAndUnmatchedNames() throws Exception {
    Expansion e = LEX.expand("$APP ${EMPTY-x} ${GONE:-${ALSO_GONE}} '$QUOTED' $1", ENV);

    assertThat(e.value()).isEqualTo("berth   $QUOTED ");
    assertThat(e.matched()).containsExactlyInAnyOrder("APP", "EMPTY");
    assertThat(e.unmatched()).containsExactlyInAnyOrder("GONE", "ALSO_GONE", "1");
  }

  @Test
  void expand_withoutReferences_hasEmptySets() throws Exception {
    Expansion e = LEX.expand("no refs here", ENV);

    assertThat(e).isEqualTo(new Expansion("no refs here", Set.of(), Set.of()));
  }

  @Test
  void processWord_treatsNullValueAsUnset() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("N", null);

    assertThat(LEX.processWord("${N-unset}", env)).isEqualTo("unset");
  }

  @Test
  void processWord_doesNotReexpandValues() throws Exception {
    Map<String, String> env = Map.of("A", "$B '${C}'", "B", "b");

    assertThat(LEX.processWord("$A", env)).isEqualTo("$B '${C}'");
  }

  @Test
  void processWord_keepsUnicodeOutsideTheBasicPlane() throws Exception {
    Map<String, String> env = Map.of("ROCKET", "🚀x🛸");

    assertThat(LEX.processWord("${ROCKET%?}|${ROCKET#?}|'🚀'", env)).isEqualTo("🚀x|x🛸|🚀");
  }

  @Test
  void processWord_acceptsLettersBeyondAscii() throws Exception {
    assertThat(LEX.processWord("$ÄPFEL-${ÄPFEL}", Map.of("ÄPFEL", "apple")))
        .isEqualTo("apple-apple");
  }

  @Test
  void replaceAll_appliesGoTemplateRulesToTheReplacement() throws Exception {
    // A value can bring a '$' into the replacement: $$ is one dollar, $0 the match.
    Map<String, String> env = Map.of("V", "ab", "R", "[$0$$]");

    assertThat(LEX.processWord("${V//b/$R}", env)).isEqualTo("a[b$]");
    assertThat(LEX.processWord("${V/b/$R}", env)).isEqualTo("a[$0$$]");
  }
}
