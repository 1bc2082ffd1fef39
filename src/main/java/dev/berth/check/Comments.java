package dev.berth.check;

import dev.berth.dockerfile.syntax.Comment;
import dev.berth.dockerfile.syntax.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The comment lines right above each instruction, as BuildKit collects them: a blank line or an
 * empty {@code #} line ends the block.
 */
final class Comments {

  private final Map<Integer, Comment> byLine = new HashMap<>();

  Comments(List<Comment> comments) {
    comments.forEach(c -> byLine.put(c.line(), c));
  }

  /** The comment lines directly above the instruction, top to bottom, each trimmed. */
  List<String> above(Node n) {
    List<String> block = new ArrayList<>();
    for (int line = n.range().startLine() - 1; line > 0; line--) {
      Comment c = byLine.get(line);
      if (c == null || c.text().isBlank()) {
        break;
      }
      block.add(0, c.text().strip());
    }
    return block;
  }

  /** The description BuildKit takes for the instruction: the block's last line. */
  Optional<String> description(Node n) {
    List<String> block = above(n);
    return block.isEmpty() ? Optional.empty() : Optional.of(block.get(block.size() - 1));
  }
}
