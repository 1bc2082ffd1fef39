package dev.berth.dockerfile.syntax;

import static dev.berth.dockerfile.syntax.DockerfileParserTest.error;
import static dev.berth.dockerfile.syntax.DockerfileParserTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.diag.Diagnostic;
import dev.berth.diag.SourceRange;
import org.junit.jupiter.api.Test;

class HeredocTest {

  @Test
  void runReadsTheBodyUpToTheDelimiter() throws Exception {
    SyntaxTree tree =
        parse("FROM a\nRUN <<EOF\n# not a comment\nFROM not-an-instruction\n  EOF\nEOF\nUSER x\n");
    Node run = tree.nodes().get(1);
    assertThat(run.args()).containsExactly("<<EOF");
    assertThat(run.heredocs())
        .containsExactly(
            new Heredoc("EOF", "# not a comment\nFROM not-an-instruction\n  EOF\n", true, false));
    assertThat(run.range().startLine()).isEqualTo(2);
    assertThat(run.range().endLine()).isEqualTo(6);
    assertThat(tree.nodes()).extracting(Node::keyword).containsExactly("from", "run", "user");
  }

  @Test
  void whiteSpaceMayFollowTheOpenerButNotTheDash() throws Exception {
    SyntaxTree tree =
        parse("FROM a\nRUN << EOF\none\nEOF\nRUN cat <<  END  > /foo\ntwo\nEND\nUSER x\n");
    assertThat(tree.nodes().get(1).heredocs())
        .containsExactly(new Heredoc("EOF", "one\n", true, false));
    assertThat(tree.nodes().get(2).heredocs())
        .containsExactly(new Heredoc("END", "two\n", true, false));
    assertThat(tree.nodes().get(3).keyword()).isEqualTo("user");
    // As in BuildKit's lexer, only "<<" keeps the white space after it: "<<-" alone opens nothing.
    Diagnostic d = error("FROM a\nRUN cat <<- EOF\nhello\nEOF\n");
    assertThat(d.message()).contains("unknown instruction: hello");
  }

  @Test
  void openersOfOneWord() {
    assertThat(Heredoc.opener("<<EOF")).contains(new Heredoc("EOF", "", true, false));
    assertThat(Heredoc.opener("3<<-EOF")).contains(new Heredoc("EOF", "", true, true));
    assertThat(Heredoc.opener("<< EOF")).contains(new Heredoc("EOF", "", true, false));
    assertThat(Heredoc.opener("<<'one two'")).contains(new Heredoc("one two", "", false, false));
    assertThat(Heredoc.opener("<<eo'f'")).contains(new Heredoc("eof", "", false, false));
    assertThat(Heredoc.opener("<<eo\\'f")).contains(new Heredoc("eo'f", "", true, false));
    assertThat(Heredoc.opener("<<EOF > foo")).isEmpty();
    assertThat(Heredoc.opener("<<")).isEmpty();
    assertThat(Heredoc.opener("cat<<EOF")).isEmpty();
    assertThat(Heredoc.opener("<<<EOF")).isEmpty();
  }

  @Test
  void anOnbuildTriggerCarriesItsBody() throws Exception {
    Node onbuild = parse("FROM a\nONBUILD RUN <<EOF\necho hi\nEOF\nUSER x\n").nodes().get(1);
    assertThat(onbuild.subcommand().get().heredocs())
        .containsExactly(new Heredoc("EOF", "echo hi\n", true, false));
  }

  @Test
  void dashStripsLeadingTabsFromBodyAndDelimiter() throws Exception {
    Node run = parse("FROM a\nRUN <<-END\n\t\techo hi\n\t  kept\n\tEND\n").nodes().get(1);
    assertThat(run.heredocs()).containsExactly(new Heredoc("END", "echo hi\n  kept\n", true, true));
  }

  @Test
  void quotedDelimitersTurnExpansionOff() throws Exception {
    Node run =
        parse("FROM a\nRUN <<\"A\" cat && 3<<'B' cat && <<C\"D\"\n$x\nA\n$y\nB\n$z\nCD\n")
            .nodes()
            .get(1);
    assertThat(run.heredocs())
        .containsExactly(
            new Heredoc("A", "$x\n", false, false),
            new Heredoc("B", "$y\n", false, false),
            new Heredoc("CD", "$z\n", false, false));
  }

  @Test
  void copyAndAddTakeSeveralHeredocs() throws Exception {
    SyntaxTree tree =
        parse("FROM a\nCOPY --chmod=755 <<one <<two /dst/\n1\none\n2\ntwo\nADD <<x /y\nx\n");
    Node copy = tree.nodes().get(1);
    assertThat(copy.flags()).containsExactly("--chmod=755");
    assertThat(copy.args()).containsExactly("<<one", "<<two", "/dst/");
    assertThat(copy.heredocs())
        .extracting(Heredoc::name, Heredoc::content)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("one", "1\n"),
            org.assertj.core.groups.Tuple.tuple("two", "2\n"));
    assertThat(tree.nodes().get(2).heredocs()).containsExactly(new Heredoc("x", "", true, false));
  }

  @Test
  void heredocsFollowTheWholeContinuedInstruction() throws Exception {
    Node run = parse("FROM a\nRUN python3 \\\n  <<PY\nprint(1)\nPY\n").nodes().get(1);
    assertThat(run.heredocs()).containsExactly(new Heredoc("PY", "print(1)\n", true, false));
  }

  @Test
  void crlfBodiesKeepTheirLineEndingsAndDelimitersStillMatch() throws Exception {
    Node run = parse("FROM a\r\nRUN <<EOF\r\necho hi\r\nEOF\r\n").nodes().get(1);
    assertThat(run.heredocs()).containsExactly(new Heredoc("EOF", "echo hi\r\n", true, false));
  }

  @Test
  void onbuildTriggersCarryTheirHeredocs() throws Exception {
    Node onbuild = parse("FROM a\nONBUILD RUN <<EOF\nmake\nEOF\n").nodes().get(1);
    Heredoc body = new Heredoc("EOF", "make\n", true, false);
    assertThat(onbuild.heredocs()).containsExactly(body);
    assertThat(onbuild.subcommand().orElseThrow().heredocs()).containsExactly(body);
  }

  @Test
  void noHeredocsInQuotesJsonOrOtherInstructions() throws Exception {
    SyntaxTree tree =
        parse("FROM a\nRUN echo '<<EOF' \"<<X\" a<<B\nRUN [\"cat\", \"<<EOF\"]\nENV A=<<EOF\n");
    assertThat(tree.nodes()).allSatisfy(n -> assertThat(n.heredocs()).isEmpty());
    assertThat(tree.nodes()).hasSize(4);
  }

  @Test
  void anUnterminatedHeredocNamesWhereItStarted() {
    Diagnostic d = error("FROM a\nRUN cat \\\n  <<EOF\necho hi\nEOFX\n");
    assertThat(d.code()).isEqualTo("unterminated-heredoc");
    assertThat(d.range()).isEqualTo(SourceRange.at("Dockerfile", 3, 3));
    assertThat(d.message()).contains("line 3").contains("\"EOF\"");
  }

  @Test
  void aSecondUnterminatedHeredocPointsAtItsOwnOpener() {
    Diagnostic d = error("FROM a\nCOPY <<A <<B /\nA\n");
    assertThat(d.range()).isEqualTo(SourceRange.at("Dockerfile", 2, 10));
  }
}
