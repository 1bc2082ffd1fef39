package dev.berth.check;

import dev.berth.diag.SourceRange;
import dev.berth.dockerfile.syntax.Node;
import java.util.List;
import java.util.Optional;

/**
 * Finds where in the file a part of an instruction is written, so a finding can point at the word
 * it is about rather than at the instruction's first column.
 */
final class Locator {

  private final String file;
  private final List<String> lines;

  Locator(String file, List<String> lines) {
    this.file = file;
    this.lines = lines;
  }

  /** The instruction's first line, from its keyword. */
  SourceRange start(Node n) {
    SourceRange r = n.range();
    return new SourceRange(file, r.startLine(), r.startColumn(), r.startLine(), lineEnd(r));
  }

  /** A point at the start of the instruction's last line (where BuildKit reports some checks). */
  SourceRange lastLine(Node n) {
    int line = n.range().endLine();
    String text = line <= lines.size() ? lines.get(line - 1) : "";
    int col = 1;
    while (col <= text.length() && Character.isWhitespace(text.charAt(col - 1))) {
      col++;
    }
    return new SourceRange(file, line, col, line, Math.max(col, text.length()));
  }

  /**
   * The first place, at or after the {@code skip}-th character of the instruction's first line,
   * where {@code token} is written as a whole word (or, with {@code whole} false, anywhere).
   */
  SourceRange word(Node n, String token, boolean whole, int skip) {
    return onFirstLine(n, find(n, token, whole, skip));
  }

  // BuildKit reports an instruction at its first line; a word further down points there too.
  private SourceRange onFirstLine(Node n, Optional<SourceRange> found) {
    return found.filter(r -> r.startLine() == n.range().startLine()).orElse(start(n));
  }

  SourceRange word(Node n, String token) {
    return word(n, token, true, n.writtenKeyword().length());
  }

  /** Where {@code $NAME} or {@code ${NAME...}} is written in the instruction. */
  SourceRange variable(Node n, String name) {
    Optional<SourceRange> braced = find(n, "${" + name, false, 0);
    Optional<SourceRange> plain = find(n, "$" + name, false, 0);
    if (braced.isPresent() && plain.isPresent()) {
      return onFirstLine(
          n, Optional.of(before(braced.get(), plain.get()) ? braced.get() : plain.get()));
    }
    return onFirstLine(n, braced.or(() -> plain));
  }

  private static boolean before(SourceRange a, SourceRange b) {
    return a.startLine() < b.startLine()
        || (a.startLine() == b.startLine() && a.startColumn() <= b.startColumn());
  }

  private Optional<SourceRange> find(Node n, String token, boolean whole, int skip) {
    SourceRange r = n.range();
    for (int line = r.startLine(); line <= Math.min(r.endLine(), lines.size()); line++) {
      String text = lines.get(line - 1);
      int from = line == r.startLine() ? Math.max(0, r.startColumn() - 1 + skip) : 0;
      int at = text.indexOf(token, from);
      while (at >= 0) {
        int end = at + token.length();
        boolean bounded =
            (at == 0 || Character.isWhitespace(text.charAt(at - 1)))
                && (end == text.length() || Character.isWhitespace(text.charAt(end)));
        boolean variableEnd =
            token.startsWith("$")
                && !token.startsWith("${")
                && end < text.length()
                && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_');
        if ((!whole || bounded) && !variableEnd) {
          return Optional.of(new SourceRange(file, line, at + 1, line, end));
        }
        at = text.indexOf(token, at + 1);
      }
    }
    return Optional.empty();
  }

  private int lineEnd(SourceRange r) {
    return r.startLine() <= lines.size()
        ? Math.max(r.startColumn(), lines.get(r.startLine() - 1).length())
        : r.startColumn();
  }
}
