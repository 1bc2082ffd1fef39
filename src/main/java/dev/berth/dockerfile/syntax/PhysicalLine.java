package dev.berth.dockerfile.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of the file as read: its 1-based number, its text with the line ending still on (heredoc
 * bodies keep it), and its content without trailing {@code \r}/{@code \n}.
 */
record PhysicalLine(int number, String raw, String content) {

  /**
   * Splits text at {@code \n} the way BuildKit's scanner does: a final line without a newline still
   * counts, a lone {@code \r} does not end a line, and a leading UTF-8 byte order mark is dropped.
   */
  static List<PhysicalLine> split(String text) {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<PhysicalLine> lines = new ArrayList<>();
    int start = 0;
    while (start < t.length()) {
      int nl = t.indexOf('\n', start);
      int end = nl < 0 ? t.length() : nl + 1;
      String raw = t.substring(start, end);
      lines.add(new PhysicalLine(lines.size() + 1, raw, trimNewline(raw)));
      start = end;
    }
    return lines;
  }

  /** Drops every trailing {@code \r} and {@code \n}, as Go's {@code TrimRight(s, "\r\n")}. */
  static String trimNewline(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
      end--;
    }
    return s.substring(0, end);
  }

  /** Whether the line is a comment: {@code #} after any leading white space. */
  boolean isComment() {
    int i = Whitespace.skipSpace(content, 0, content.length());
    return i < content.length() && content.charAt(i) == '#';
  }
}
