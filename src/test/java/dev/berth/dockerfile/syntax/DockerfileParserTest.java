package dev.berth.dockerfile.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.diag.BerthException;
import dev.berth.diag.Diagnostic;
import dev.berth.diag.Severity;
import dev.berth.diag.SourceRange;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DockerfileParserTest {

  static SyntaxTree parse(String text) throws BerthException {
    return DockerfileParser.parse("Dockerfile", text);
  }

  static String dump(String text) throws BerthException {
    return SyntaxDump.dump(parse(text));
  }

  static Diagnostic error(String text) {
    BerthException e = catchThrowableOfType(BerthException.class, () -> parse(text));
    assertThat(e).as("expected a BerthException for %s", text).isNotNull();
    return e.first();
  }

  @Nested
  class Directives {
    @Test
    void readsSyntaxEscapeAndCheckCaseInsensitively() throws Exception {
      SyntaxTree tree =
          parse("# Syntax = example/frontend:2\n#ESCAPE=`\n#  check=skip=all\nFROM base\n");
      assertThat(tree.directive("syntax")).contains("example/frontend:2");
      assertThat(tree.directive("check")).contains("skip=all");
      assertThat(tree.escapeToken()).isEqualTo('`');
      assertThat(tree.directives())
          .extracting(Directive::name)
          .containsExactly("syntax", "escape", "check");
      assertThat(tree.directives().get(1).range().startLine()).isEqualTo(2);
    }

    @Test
    void stopAtTheFirstLineThatIsNoDirective() throws Exception {
      SyntaxTree tree = parse("# a note\n# escape=`\nFROM base\nRUN a \\\n  b\n");
      assertThat(tree.directives()).isEmpty();
      assertThat(tree.escapeToken()).isEqualTo('\\');
      assertThat(SyntaxDump.dump(tree)).isEqualTo("(from \"base\")\n(run \"a   b\")");
    }

    @Test
    void aBlankLineEndsTheDirectives() throws Exception {
      SyntaxTree tree = parse("# syntax=x/y\n\n# escape=`\nFROM base\n");
      assertThat(tree.directives()).extracting(Directive::name).containsExactly("syntax");
      assertThat(tree.escapeToken()).isEqualTo('\\');
    }

    @Test
    void aDirectiveAfterAnInstructionIsAComment() throws Exception {
      SyntaxTree tree = parse("FROM base\n# escape=`\nRUN x \\\n y\n");
      assertThat(tree.directives()).isEmpty();
      assertThat(SyntaxDump.dump(tree)).endsWith("(run \"x  y\")");
    }

    @Test
    void anUnknownDirectiveEndsTheDirectives() throws Exception {
      SyntaxTree tree = parse("# foo=bar\n# escape=`\nFROM base\n");
      assertThat(tree.directives()).isEmpty();
      assertThat(tree.escapeToken()).isEqualTo('\\');
    }

    @Test
    void aRepeatedDirectiveIsAnErrorAsInBuildKit() {
      Diagnostic d = error("# escape=`\n#  escape=\\\nFROM base\n");
      assertThat(d.code()).isEqualTo("duplicate-directive");
      assertThat(d.range()).isEqualTo(SourceRange.at("Dockerfile", 2, 4));
    }

    @Test
    void anInvalidEscapeValueIsAnError() {
      Diagnostic d = error("# escape = x\nFROM base\n");
      assertThat(d.code()).isEqualTo("invalid-escape");
      assertThat(d.message()).contains("'x'");
      assertThat(d.range()).isEqualTo(SourceRange.at("Dockerfile", 1, 12));
    }

    @Test
    void anEscapeValueOfBlanksIsInvalidAndABareEqualsIsNoDirective() throws Exception {
      assertThat(error("# escape=   \nFROM a\n").message()).contains("' '");
      assertThat(parse("#escape=\n# escape=`\nFROM a\n").directives()).isEmpty();
    }

    @Test
    void theBacktickEscapeContinuesLinesAndLeavesBackslashesAlone() throws Exception {
      assertThat(
              dump("# escape=`\nFROM windows\nRUN dir C:\\ `\n  && echo done\nWORKDIR C:\\app\\\n"))
          .isEqualTo(
              "(from \"windows\")\n"
                  + "(run \"dir C:\\\\   && echo done\")\n"
                  + "(workdir \"C:\\\\app\\\\\")");
    }

    @Test
    void theEscapeCharacterShapesEnvWords() throws Exception {
      assertThat(dump("# escape=`\nFROM a\nENV A=x` y B=\"p`\"q\"\n"))
          .endsWith("(env \"A\" \"x` y\" \"=\" \"B\" \"\\\"p`\\\"q\\\"\" \"=\")");
    }
  }

  @Nested
  class LinesAndComments {
    @Test
    void commentsAndBlankLinesAreSkippedAndInstructionsAreCaseInsensitive() throws Exception {
      SyntaxTree tree = parse("\n  # hello\nfrom base\n\n\tRuN  echo hi\n");
      assertThat(SyntaxDump.dump(tree)).isEqualTo("(from \"base\")\n(run \"echo hi\")");
      assertThat(tree.nodes().get(1).keyword()).isEqualTo("run");
      assertThat(tree.nodes().get(1).range()).isEqualTo(new SourceRange("Dockerfile", 5, 2, 5, 13));
    }

    @Test
    void aHashInsideAnInstructionIsNoComment() throws Exception {
      assertThat(dump("FROM a\nRUN echo # not a comment\n"))
          .endsWith("(run \"echo # not a comment\")");
    }

    @Test
    void continuationsJoinLinesSkippingCommentsAndKeepingIndentation() throws Exception {
      SyntaxTree tree =
          parse("FROM a\nRUN one \\\n# between\n    # indented comment\n\ttwo \\   \n  three\n");
      Node run = tree.nodes().get(1);
      assertThat(run.args()).containsExactly("one \ttwo   three");
      assertThat(run.range().startLine()).isEqualTo(2);
      assertThat(run.range().endLine()).isEqualTo(6);
      assertThat(tree.warnings()).isEmpty();
    }

    @Test
    void anEmptyContinuationLineGivesAWarning() throws Exception {
      SyntaxTree tree = parse("FROM a\nRUN one \\\n\n   \ntwo\n");
      assertThat(tree.nodes().get(1).args()).containsExactly("one two");
      assertThat(tree.warnings())
          .singleElement()
          .satisfies(
              w -> {
                assertThat(w.severity()).isEqualTo(Severity.WARNING);
                assertThat(w.code()).isEqualTo("empty-continuation-line");
                assertThat(w.range().startLine()).isEqualTo(3);
              });
    }

    @Test
    void anEscapedEscapeAtTheEndDoesNotContinue() throws Exception {
      assertThat(dump("FROM a\nENV P=c:\\\\\nENV Q=1\n"))
          .isEqualTo("(from \"a\")\n(env \"P\" \"c:\\\\\\\\\" \"=\")\n(env \"Q\" \"1\" \"=\")");
    }

    @Test
    void aContinuationAtTheEndOfTheFileEndsTheInstruction() throws Exception {
      assertThat(dump("FROM a\nRUN make \\")).endsWith("(run \"make\")");
      assertThat(parse("FROM a\nRUN make \\\n").nodes()).hasSize(2);
    }

    @Test
    void crlfLineEndingsAndAByteOrderMarkAreAccepted() throws Exception {
      SyntaxTree tree = parse("\uFEFF# escape=`\r\nFROM a\r\nRUN x `\r\n  y\r\nCMD [\"z\"]\r\n");
      assertThat(tree.escapeToken()).isEqualTo('`');
      assertThat(SyntaxDump.dump(tree)).isEqualTo("(from \"a\")\n(run \"x   y\")\n(cmd \"z\")");
      assertThat(tree.nodes().get(0).range().startColumn()).isEqualTo(1);
    }

    @Test
    void originalKeepsTheJoinedText() throws Exception {
      Node run = parse("FROM a\n  RUN --mount=type=cache \\\n    make\n").nodes().get(1);
      assertThat(run.original()).isEqualTo("RUN --mount=type=cache     make");
    }
  }

  @Nested
  class ExecAndShellForms {
    @Test
    void aJsonArrayOfStringsIsExecForm() throws Exception {
      Node cmd = parse("FROM a\nCMD [ \"run\", \"--port\", \"80\" ]\n").nodes().get(1);
      assertThat(cmd.json()).isTrue();
      assertThat(cmd.args()).containsExactly("run", "--port", "80");
    }

    @Test
    void jsonEscapesAreDecoded() throws Exception {
      Node cmd =
          parse("FROM a\nENTRYPOINT [\"a\\tb\", \"\\u00e9\\ud83d\\ude00\", \"\\/\"]\n")
              .nodes()
              .get(1);
      assertThat(cmd.args()).containsExactly("a\tb", "é😀", "/");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "RUN [\"sh\", \"-c\"",
          "RUN ['sh', '-c']",
          "RUN [\"sh\"] && echo more",
          "RUN [\"unterminated]",
          "RUN [sh]",
          "RUN [\"a\",]",
          "RUN [01]",
          "RUN \"[\\\"a\\\"]\""
        })
    void textThatIsNotAValidJsonArrayFallsBackToShellForm(String line) throws Exception {
      Node run = parse("FROM a\n" + line + "\n").nodes().get(1);
      assertThat(run.json()).isFalse();
      assertThat(run.args()).containsExactly(line.substring(4));
    }

    @Test
    void aValidArrayOfNonStringsIsAnError() {
      Diagnostic d = error("FROM a\nRUN [\"echo\", 1]\n");
      assertThat(d.code()).isEqualTo("json-not-strings");
      assertThat(d.range()).isEqualTo(SourceRange.at("Dockerfile", 2, 14));
    }

    @Test
    void nestedArraysAreAnErrorEvenAcrossContinuations() {
      Diagnostic d = error("FROM a\nCMD [\"a\", \\\n  {\"b\": [true, null]}]\n");
      assertThat(d.code()).isEqualTo("json-not-strings");
      assertThat(d.range()).isEqualTo(SourceRange.at("Dockerfile", 3, 3));
    }

    @Test
    void anEmptyArrayIsAnEmptyExecForm() throws Exception {
      Node cmd = parse("FROM a\nENTRYPOINT []\n").nodes().get(1);
      assertThat(cmd.json()).isTrue();
      assertThat(cmd.args()).isEmpty();
      assertThat(SyntaxDump.dump(parse("FROM a\nENTRYPOINT []\n"))).endsWith("(entrypoint)");
    }

    @Test
    void copyAndVolumeSplitAtWhitespaceOrTakeJson() throws Exception {
      assertThat(dump("FROM a\nCOPY\ta  b\t/c/\nVOLUME [\"/x y\"]\nADD [\"s\", \"d\"]\n"))
          .isEqualTo(
              "(from \"a\")\n(copy \"a\" \"b\" \"/c/\")\n(volume \"/x y\")\n(add \"s\" \"d\")");
    }
  }

  @Nested
  class Flags {
    @Test
    void flagsAreKeptInOrderAndEndAtTheFirstOtherWord() throws Exception {
      Node copy =
          parse("FROM a\nCOPY --from=build --link --chown=\"1 2\" src --not-a-flag /d\n")
              .nodes()
              .get(1);
      assertThat(copy.flags()).containsExactly("--from=build", "--link", "--chown=1 2");
      assertThat(copy.args()).containsExactly("src", "--not-a-flag", "/d");
    }

    @Test
    void aDoubleDashEndsTheFlags() throws Exception {
      assertThat(dump("FROM a\nCOPY --link -- --weird-name /d\nCMD --network=none --\n"))
          .isEqualTo(
              "(from \"a\")\n(copy [\"--link\"] \"--weird-name\" \"/d\")\n"
                  + "(cmd [\"--network=none\"])");
    }

    @Test
    void flagsComeBeforeExecForm() throws Exception {
      Node run =
          parse("FROM --platform=$BUILDPLATFORM a\nRUN --mount=type=secret,id=x [\"cat\"]\n")
              .nodes()
              .get(1);
      assertThat(run.flags()).containsExactly("--mount=type=secret,id=x");
      assertThat(run.json()).isTrue();
      assertThat(SyntaxDump.dump(parse("FROM --platform=$BUILDPLATFORM a\n")))
          .isEqualTo("(from [\"--platform=$BUILDPLATFORM\"] \"a\")");
    }
  }

  @Nested
  class ArgumentShapes {
    @Test
    void envAndLabelGiveTriples() throws Exception {
      assertThat(
              dump(
                  "FROM a\n"
                      + "ENV A=1 B=\"two words\" C=\n"
                      + "LABEL version 1.0 beta\n"
                      + "ENV OLD some value\n"))
          .isEqualTo(
              "(from \"a\")\n"
                  + "(env \"A\" \"1\" \"=\" \"B\" \"\\\"two words\\\"\" \"=\" \"C\" \"\" \"=\")\n"
                  + "(label \"version\" \"1.0 beta\" \"\")\n"
                  + "(env \"OLD\" \"some value\" \"\")");
    }

    @Test
    void argTakesNamesAndNameValues() throws Exception {
      assertThat(dump("ARG BASE=debian:12\nFROM $BASE\nARG UID GID=1000 NAME=\"a b\"\n"))
          .isEqualTo(
              "(arg \"BASE=debian:12\")\n(from \"$BASE\")\n"
                  + "(arg \"UID\" \"GID=1000\" \"NAME=\\\"a b\\\"\")");
    }

    @Test
    void fromAndExposeSplitAtWhitespace() throws Exception {
      assertThat(dump("FROM python:3.12-slim AS builder\nEXPOSE 80/tcp\t443\n"))
          .isEqualTo("(from \"python:3.12-slim\" \"AS\" \"builder\")\n(expose \"80/tcp\" \"443\")");
    }

    @Test
    void singleStringInstructionsKeepTheirWholeText() throws Exception {
      assertThat(
              dump(
                  "FROM a\n"
                      + "USER app:app\n"
                      + "WORKDIR /srv/my app\n"
                      + "STOPSIGNAL SIGTERM\n"
                      + "MAINTAINER Jo <jo@x.org>\n"))
          .isEqualTo(
              "(from \"a\")\n(user \"app:app\")\n(workdir \"/srv/my app\")\n"
                  + "(stopsignal \"SIGTERM\")\n(maintainer \"Jo <jo@x.org>\")");
    }

    @Test
    void shellTakesJson() throws Exception {
      Node shell =
          parse("FROM a\nSHELL [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]\n").nodes().get(1);
      assertThat(shell.json()).isTrue();
      assertThat(shell.args()).containsExactly("/bin/bash", "-eo", "pipefail", "-c");
    }

    @Test
    void healthcheckTakesATypeAndACommand() throws Exception {
      assertThat(
              dump(
                  "FROM a\nHEALTHCHECK NONE\nHEALTHCHECK --retries=2 CMD  curl -f http://x/\n"
                      + "HEALTHCHECK CMD [\"true\"]\nHEALTHCHECK\n"))
          .isEqualTo(
              "(from \"a\")\n(healthcheck \"NONE\")\n"
                  + "(healthcheck [\"--retries=2\"] \"CMD\" \"curl -f http://x/\")\n"
                  + "(healthcheck \"CMD\" \"true\")\n(healthcheck)");
      assertThat(parse("FROM a\nHEALTHCHECK CMD [\"true\"]\n").nodes().get(1).json()).isTrue();
    }

    @Test
    void onbuildWrapsAnotherInstruction() throws Exception {
      SyntaxTree tree = parse("FROM a\nONBUILD copy --chown=app . /src\n");
      Node onbuild = tree.nodes().get(1);
      assertThat(onbuild.keyword()).isEqualTo("onbuild");
      assertThat(onbuild.args()).containsExactly("copy --chown=app . /src");
      Node copy = onbuild.subcommand().orElseThrow();
      assertThat(copy.keyword()).isEqualTo("copy");
      assertThat(copy.flags()).containsExactly("--chown=app");
      assertThat(copy.range().startColumn()).isEqualTo(9);
      assertThat(SyntaxDump.dump(tree))
          .endsWith("(onbuild (copy [\"--chown=app\"] \".\" \"/src\"))");
    }

    @ParameterizedTest
    @CsvSource({"ONBUILD ONBUILD RUN x, 9", "ONBUILD FROM b, 9", "ONBUILD   maintainer me, 11"})
    void onbuildRejectsTriggersThatCannotBe(String line, int column) {
      Diagnostic d = error("FROM a\n" + line + "\n");
      assertThat(d.code()).isEqualTo("invalid-onbuild-trigger");
      assertThat(d.range()).isEqualTo(SourceRange.at("Dockerfile", 2, column));
    }
  }

  @Nested
  class Errors {
    @Test
    void anEmptyFileHasNoInstructions() {
      Diagnostic d = error("");
      assertThat(d.code()).isEqualTo("no-instructions");
      assertThat(d.message()).contains("file with no instructions");
      assertThat(d.range().hasLine()).isFalse();
    }

    @Test
    void commentsAloneAreNoInstructions() {
      Diagnostic d = error("# syntax=x\n\n# just notes\n   \n");
      assertThat(d.code()).isEqualTo("no-instructions");
      assertThat(d.range()).isEqualTo(SourceRange.at("Dockerfile", 1, 1));
    }

    @Test
    void anUnknownInstructionIsNamedWithASuggestion() {
      Diagnostic d = error("FROM a\n  RUNN make\n");
      assertThat(d.code()).isEqualTo("unknown-instruction");
      assertThat(d.message()).isEqualTo("unknown instruction: RUNN (did you mean RUN?)");
      assertThat(d.range()).isEqualTo(SourceRange.at("Dockerfile", 2, 3));
      assertThat(error("XYZZY bar\n").message()).isEqualTo("unknown instruction: XYZZY");
    }

    static Stream<Arguments> withoutArguments() {
      return Stream.of(
          Arguments.of("FROM", 1, 5),
          Arguments.of("FROM a\nENV", 2, 4),
          Arguments.of("FROM a\nCOPY --from=b", 2, 14),
          Arguments.of("FROM a\nRUN \\\n\n", 2, 4),
          Arguments.of("FROM a\nONBUILD", 2, 8),
          Arguments.of("FROM a\nUSER   ", 2, 5));
    }

    @ParameterizedTest
    @MethodSource("withoutArguments")
    void anInstructionWithoutArgumentsIsAnError(String text, int line, int column) {
      Diagnostic d = error(text);
      assertThat(d.code()).isEqualTo("missing-argument");
      assertThat(d.range()).isEqualTo(SourceRange.at("Dockerfile", line, column));
    }

    @Test
    void envWithANameAndNoValueIsAnError() {
      Diagnostic d = error("FROM a\nENV   HOME\n");
      assertThat(d.code()).isEqualTo("missing-argument");
      assertThat(d.message()).contains("ENV must have two arguments");
      assertThat(d.range()).isEqualTo(SourceRange.at("Dockerfile", 2, 11));
    }

    @Test
    void envMixingFormsIsAnError() {
      Diagnostic d = error("FROM a\nLABEL a=1 \\\n  b\n");
      assertThat(d.code()).isEqualTo("missing-equals");
      assertThat(d.message()).contains("\"b\"");
      assertThat(d.range()).isEqualTo(SourceRange.at("Dockerfile", 3, 3));
    }

    @Test
    void aLoneContinuationIsAnError() {
      Diagnostic d = error("FROM a\n\\\n \\\n");
      assertThat(d.code()).isEqualTo("missing-instruction");
      assertThat(d.range().startLine()).isEqualTo(3);
    }

    @Test
    void theErrorNamesTheFile() {
      BerthException e =
          catchThrowableOfType(
              BerthException.class, () -> DockerfileParser.parse("app/Dockerfile.dev", "BAD x"));
      assertThat(e.getMessage())
          .startsWith("app/Dockerfile.dev:1:1: error: unknown instruction: BAD");
    }
  }

  @Test
  void aPhysicalLineOf64KiBFailsAsInBuildKit() throws Exception {
    String fits = "FROM a\nRUN echo " + "x".repeat(65535 - 9) + "\n";
    assertThat(parse(fits).nodes()).hasSize(2);
    Diagnostic d = error("FROM a\nRUN echo " + "x".repeat(65536 - 9) + "\n");
    assertThat(d.message()).isEqualTo("dockerfile line greater than max allowed size of 65535");
    assertThat(d.range().startLine()).isEqualTo(2);
  }

  @Test
  void syntaxAndCheckDirectivesAreInTheTree() throws Exception {
    SyntaxTree tree =
        parse(
            "# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended;error=true\nFROM a\n");
    assertThat(tree.directive("syntax")).contains("docker/dockerfile:1");
    assertThat(tree.directive("check")).contains("skip=JSONArgsRecommended;error=true");
    assertThat(tree.directives().get(1).range().startLine()).isEqualTo(2);
  }
}
