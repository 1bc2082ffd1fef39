package dev.berth.dockerfile.syntax;

import java.util.StringJoiner;

/**
 * Prints a syntax tree in the S-expression form of BuildKit's {@code Node.Dump}, the form its
 * parser golden tests compare: {@code (copy ["--from=build"] "a" "/b")}, one instruction a line.
 */
public final class SyntaxDump {

  private SyntaxDump() {}

  /** One {@code (instruction ...)} per line, separated by {@code "\n"}. */
  public static String dump(SyntaxTree tree) {
    StringJoiner out = new StringJoiner("\n");
    for (Node node : tree.nodes()) {
      out.add("(" + dump(node) + ")");
    }
    return out.toString();
  }

  /** One instruction without the outer parentheses: keyword, flags, then arguments. */
  static String dump(Node node) {
    StringBuilder out = new StringBuilder(node.keyword());
    if (!node.flags().isEmpty()) {
      StringJoiner flags = new StringJoiner(" ", " [", "]");
      node.flags().forEach(f -> flags.add(GoQuote.quote(f)));
      out.append(flags);
    }
    if (node.subcommand().isPresent()) {
      out.append(" (").append(dump(node.subcommand().get())).append(')');
    } else {
      node.args().forEach(a -> out.append(' ').append(GoQuote.quote(a)));
    }
    return out.toString();
  }
}
