package dev.berth.check;

import dev.berth.dockerfile.syntax.Node;
import dev.berth.dockerfile.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules switched off for one instruction by a comment in the block right above it: {@code #
 * berth:skip=RuleA,RuleB} (berth's form) or {@code # check=skip=RuleA} (BuildKit's directive
 * syntax, which BuildKit honours only at the top of the file). {@code all} switches off every rule
 * for that instruction.
 */
final class Suppressions {

  private static final Pattern MARKER =
      Pattern.compile("^\\s*(?:berth:\\s*skip|check\\s*=\\s*skip)\\s*=\\s*([A-Za-z0-9_,\\s]+)$");

  private record Span(int start, int end, Set<String> rules) {}

  private final List<Span> spans = new ArrayList<>();

  Suppressions(SyntaxTree tree) {
    Comments comments = new Comments(tree.comments());
    for (Node n : tree.nodes()) {
      Set<String> rules = new HashSet<>();
      for (String line : comments.above(n)) {
        Matcher m = MARKER.matcher(line);
        if (m.matches()) {
          for (String r : m.group(1).split(",")) {
            if (!r.isBlank()) {
              rules.add(r.strip());
            }
          }
        }
      }
      if (!rules.isEmpty()) {
        spans.add(new Span(n.range().startLine(), n.range().endLine(), Set.copyOf(rules)));
      }
    }
  }

  /** Whether a comment above the instruction the finding is in switches its rule off. */
  boolean suppresses(Finding f) {
    int line = f.line();
    for (Span s : spans) {
      if (s.start() <= line
          && line <= s.end()
          && (s.rules().contains(f.rule().name()) || s.rules().contains("all"))) {
        return true;
      }
    }
    return false;
  }
}
