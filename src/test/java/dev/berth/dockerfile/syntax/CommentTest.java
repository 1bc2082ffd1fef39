package dev.berth.dockerfile.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.diag.BerthException;
import org.junit.jupiter.api.Test;

/** The comment lines and written keywords the parser keeps for linters. */
class CommentTest {

  @Test
  void keepsCommentLinesButNotDirectivesOrContinuationComments() throws BerthException {
    SyntaxTree tree =
        DockerfileParser.parse(
            "Dockerfile",
            "# syntax=docker/dockerfile:1\n# check=skip=all\n# base is the first stage\n"
                + "FROM alpine AS base\nRUN a \\\n  # inside\n  b\n  #   indented\nCOPY x y\n");
    assertThat(tree.comments()).extracting(Comment::line).containsExactly(3, 8);
    assertThat(tree.comments())
        .extracting(Comment::text)
        .containsExactly(" base is the first stage", "   indented");
    assertThat(tree.comments().get(1).range().startColumn()).isEqualTo(3);
    assertThat(tree.directives()).extracting(Directive::name).containsExactly("syntax", "check");
  }

  @Test
  void writtenKeywordKeepsItsCase() throws BerthException {
    SyntaxTree tree =
        DockerfileParser.parse("Dockerfile", "From alpine\n  rUn echo hi\nONBUILD Copy a b\n");
    assertThat(tree.nodes())
        .extracting(Node::writtenKeyword)
        .containsExactly("From", "rUn", "ONBUILD");
    assertThat(tree.nodes()).extracting(Node::keyword).containsExactly("from", "run", "onbuild");
    assertThat(tree.nodes().get(2).subcommand().get().writtenKeyword()).isEqualTo("Copy");
  }
}
