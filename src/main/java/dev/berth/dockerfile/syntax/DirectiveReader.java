package dev.berth.dockerfile.syntax;

import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads parser directives ({@code # syntax=...}, {@code # escape=`}, {@code # check=...}) from the
 * top of a file. The first line that is not a known directive ends them: a blank line, an ordinary
 * comment, an unknown directive or an instruction. Later look-alikes are ordinary comments.
 */
final class DirectiveReader {

  // BuildKit's pattern is #\s*(name)\s*=\s*(.+?)\s*$ with Go's \s = [\t\n\f\r ]; the name
  // part is a regex here and the value is trimmed by hand, which keeps long lines linear.
  private static final Pattern NAME =
      Pattern.compile("#[\\t\\n\\f\\r ]*([a-zA-Z][a-zA-Z0-9]*)[\\t\\n\\f\\r ]*=");
  private static final Set<String> KNOWN = Set.of("syntax", "escape", "check");

  private final String file;
  private final List<Directive> directives = new ArrayList<>();
  private boolean done;
  private char escapeToken = '\\';

  DirectiveReader(String file) {
    this.file = file;
  }

  /**
   * Looks at one line while directives may still appear.
   *
   * @param content the line without its line ending and without leading white space
   * @param column the 1-based column where {@code content} starts
   * @return true when the line was a directive
   */
  boolean offer(int line, String content, int column) throws BerthException {
    if (done) {
      return false;
    }
    Matcher m = NAME.matcher(content);
    int valueStart = m.lookingAt() ? valueStart(content, m.end()) : -1;
    if (valueStart < 0) {
      done = true;
      return false;
    }
    String name = m.group(1).toLowerCase(Locale.ROOT);
    if (!KNOWN.contains(name)) {
      done = true;
      return false;
    }
    SourceRange nameAt = SourceRange.at(file, line, column + m.start(1));
    if (directives.stream().anyMatch(d -> d.name().equals(name))) {
      throw BerthException.error(
          "duplicate-directive", "only one " + name + " parser directive can be used", nameAt);
    }
    String value = content.substring(valueStart, valueEnd(content, valueStart));
    if (name.equals("escape")) {
      if (!value.equals("`") && !value.equals("\\")) {
        throw BerthException.error(
            "invalid-escape",
            "invalid escape token '" + value + "': expected ` or \\",
            SourceRange.at(file, line, column + valueStart));
      }
      escapeToken = value.charAt(0);
    }
    directives.add(
        new Directive(
            name, value, new SourceRange(file, line, column, line, column + content.length() - 1)));
    return true;
  }

  private static boolean isGoSpace(char c) {
    return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
  }

  /**
   * Where the value starts after the {@code =} at {@code from}, or -1 when there is none. Like the
   * regex, a value of white space only is its last character.
   */
  private static int valueStart(String s, int from) {
    if (from >= s.length()) {
      return -1;
    }
    int i = from;
    while (i < s.length() && isGoSpace(s.charAt(i))) {
      i++;
    }
    return i < s.length() ? i : s.length() - 1;
  }

  private static int valueEnd(String s, int start) {
    int end = s.length();
    while (end > start + 1 && isGoSpace(s.charAt(end - 1))) {
      end--;
    }
    return end;
  }

  List<Directive> directives() {
    return List.copyOf(directives);
  }

  char escapeToken() {
    return escapeToken;
  }
}
