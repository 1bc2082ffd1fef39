package dev.berth.dockerfile.syntax;

import dev.berth.diag.Diagnostic;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed Dockerfile: its directives, the escape character in force, its instructions in order,
 * the warnings the parser found (for example an empty continuation line), and its comment lines.
 *
 * @param comments the comment lines between instructions, in order; parser directives and comment
 *     lines inside an instruction's continuation lines are not among them
 */
public record SyntaxTree(
    String file,
    List<Directive> directives,
    char escapeToken,
    List<Node> nodes,
    List<Diagnostic> warnings,
    List<Comment> comments) {

  public SyntaxTree {
    Objects.requireNonNull(file, "file");
    directives = List.copyOf(directives);
    nodes = List.copyOf(nodes);
    warnings = List.copyOf(warnings);
    comments = List.copyOf(comments);
  }

  /** The value of a directive by its (lower-case) name. */
  public Optional<String> directive(String name) {
    return directives.stream().filter(d -> d.name().equals(name)).map(Directive::value).findFirst();
  }
}
