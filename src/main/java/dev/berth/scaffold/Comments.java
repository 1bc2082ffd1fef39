package dev.berth.scaffold;

import java.util.ArrayList;
import java.util.List;

/** Comment lines of the generated files, filled to the width people read them at. */
final class Comments {

  static final int WIDTH = 100;

  private Comments() {}

  /**
   * Re-fills a {@code #} comment to {@link #WIDTH} columns: the words of all its lines, each line
   * starting with {@code "# "}, ending in a newline if the comment did.
   */
  static String wrap(String comment) {
    List<String> words = new ArrayList<>();
    for (String line : comment.split("\n")) {
      String text = line.strip();
      if (text.startsWith("#")) {
        text = text.substring(1);
      }
      for (String w : text.strip().split("\\s+")) {
        if (!w.isEmpty()) {
          words.add(w);
        }
      }
    }
    StringBuilder out = new StringBuilder();
    StringBuilder line = new StringBuilder("#");
    for (String w : words) {
      if (line.length() > 1 && line.length() + 1 + w.length() > WIDTH) {
        out.append(line).append('\n');
        line = new StringBuilder("#");
      }
      line.append(' ').append(w);
    }
    out.append(line);
    // A section closed on a line of its own keeps the newline of the text inside it.
    return comment.endsWith("\n") ? out.append('\n').toString() : out.toString();
  }
}
