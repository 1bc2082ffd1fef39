package dev.berth.dockerfile.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.diag.BerthException;
import dev.berth.diag.Diagnostic;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Mutates valid Dockerfiles at random and checks the parser's contract: it returns a tree or throws
 * a {@link BerthException} whose diagnostics point into the file, and nothing else.
 */
class DockerfileParserPropertyTest {

  private static final List<String> SEEDS =
      List.of(
          "# syntax=example/frontend:1\n# escape=\\\n\nARG BASE=debian\nFROM $BASE AS build\n"
              + "RUN --mount=type=cache,target=/root/.cache \\\n    pip install -r req.txt \\\n"
              + "  # comment\n    && echo done\nCOPY --from=build [\"/a\", \"/b c\"]\n",
          "FROM python:3.12-slim\nENV A=1 B=\"two words\" \\\n  C='x y'\nLABEL k v\n"
              + "HEALTHCHECK --interval=5s CMD [\"curl\", \"-f\", \"http://x/\"]\n"
              + "ONBUILD COPY . /src\nCMD [\"python\", \"-m\", \"app\"]\n",
          "# escape=`\r\n"
              + "FROM windows\r\n"
              + "RUN dir C:\\ `\r\n"
              + "  && echo ok\r\n"
              + "SHELL [\"cmd\", \"/S\"]\r\n",
          "FROM a\nRUN <<EOF cat && <<-'TAB' cat\necho $HOME\nEOF\n\tliteral\n\tTAB\n"
              + "COPY <<one <<\"two\" /dst/\n1\none\n2\ntwo\nUSER app\nEXPOSE 80 443\n",
          "\uFEFFFROM scratch\nVOLUME /data /logs\nWORKDIR /srv\nSTOPSIGNAL SIGTERM\n"
              + "ENTRYPOINT [\"/bin/app\", \"--flag=\\\"q\\\"\", \"\\u00e9\"]\nMAINTAINER me\n");

  /** What a mutation inserts: the characters that steer the parser. */
  private static final List<String> PIECES =
      List.of(
          "\\",
          "`",
          "\"",
          "'",
          "[",
          "]",
          "{",
          "}",
          ",",
          "<<",
          "<<-",
          "-",
          "--",
          "=",
          "#",
          "\n",
          "\r\n",
          "\r",
          "\t",
          " ",
          "\u00a0",
          "\uFEFF",
          "EOF",
          "RUN ",
          "ONBUILD ",
          "FROM ",
          "1",
          "\\u",
          "$",
          "\u0000",
          "😀",
          "\uD800");

  @Property(tries = 2000)
  void parseReturnsATreeOrDiagnosticsInsideTheFile(@ForAll("mutatedDockerfiles") String text) {
    int lineCount = PhysicalLine.split(text).size();
    try {
      SyntaxTree tree = DockerfileParser.parse("Dockerfile", text);
      assertThat(tree.nodes()).isNotEmpty();
      // The dump has one line per instruction, as BuildKit's parser dump does.
      assertThat(SyntaxDump.dump(tree).lines().count()).isEqualTo(tree.nodes().size());
      for (Node node : tree.nodes()) {
        assertThat(node.range().startLine()).isBetween(1, lineCount);
        assertThat(node.range().endLine()).isBetween(node.range().startLine(), lineCount);
      }
      for (Diagnostic w : tree.warnings()) {
        assertThat(w.range().startLine()).isBetween(1, lineCount);
      }
    } catch (BerthException e) {
      for (Diagnostic d : e.diagnostics()) {
        if (lineCount == 0) {
          assertThat(d.range().startLine()).isZero();
        } else {
          assertThat(d.range().startLine()).isBetween(1, lineCount);
          assertThat(d.range().startColumn()).isPositive();
        }
        assertThat(d.message()).isNotBlank();
      }
    }
  }

  @Provide
  Arbitrary<String> mutatedDockerfiles() {
    Arbitrary<Mutation> mutation =
        Combinators.combine(
                Arbitraries.of(Kind.values()),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.of(PIECES))
            .as(Mutation::new);
    return Combinators.combine(Arbitraries.of(SEEDS), mutation.list().ofMinSize(1).ofMaxSize(12))
        .as(DockerfileParserPropertyTest::apply);
  }

  private enum Kind {
    INSERT,
    DELETE,
    DUPLICATE,
    TRUNCATE
  }

  private record Mutation(Kind kind, double where, String piece) {}

  private static String apply(String seed, List<Mutation> mutations) {
    StringBuilder text = new StringBuilder(seed);
    for (Mutation m : mutations) {
      int at = (int) (m.where() * text.length());
      switch (m.kind()) {
        case INSERT -> text.insert(at, m.piece());
        case DELETE -> {
          if (at < text.length()) {
            text.deleteCharAt(at);
          }
        }
        case DUPLICATE -> {
          int end = Math.min(text.length(), at + 1 + m.piece().length() * 3);
          text.insert(at, text.substring(at, end));
        }
        case TRUNCATE -> {
          if (m.where() > 0.8) {
            text.setLength(at);
          }
        }
      }
    }
    return text.toString();
  }
}
