package dev.berth.compose;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a string {@code command} or {@code entrypoint} into words as docker compose does (the
 * go-shellwords rules): blanks separate words, single and double quotes group, a backslash escapes
 * the next character outside single quotes, and nothing is expanded. Like docker compose, the split
 * stops at an unquoted {@code ;}, {@code &}, {@code |}, {@code <} or {@code >}.
 */
final class ShellWords {

  /** The words, and where the split stopped early (or -1). */
  record Result(List<String> words, int stoppedAt) {}

  private ShellWords() {}

  static Result split(String line) throws IllegalArgumentException {
    List<String> words = new ArrayList<>();
    StringBuilder buf = new StringBuilder();
    boolean got = false;
    boolean escaped = false;
    boolean single = false;
    boolean dbl = false;
    int stopped = -1;
    for (int i = 0; i < line.length(); i++) {
      char r = line.charAt(i);
      if (escaped) {
        buf.append(r);
        escaped = false;
        got = true;
        continue;
      }
      if (r == '\\') {
        if (single) {
          buf.append(r);
        } else {
          escaped = true;
        }
        continue;
      }
      if (r == ' ' || r == '\t' || r == '\r' || r == '\n') {
        if (single || dbl) {
          buf.append(r);
        } else if (got) {
          words.add(buf.toString());
          buf.setLength(0);
          got = false;
        }
        continue;
      }
      if (r == '"' && !single) {
        dbl = !dbl;
        got = true;
        continue;
      }
      if (r == '\'' && !dbl) {
        single = !single;
        got = true;
        continue;
      }
      if ((r == ';' || r == '&' || r == '|' || r == '<' || r == '>') && !single && !dbl) {
        if (r == '>' && buf.length() > 0 && Character.isDigit(buf.charAt(0))) {
          // "2>" redirects: the digit belongs to the redirection, not to a word
          buf.setLength(0);
          got = false;
        }
        stopped = i;
        break;
      }
      buf.append(r);
      got = true;
    }
    if (single || dbl || escaped) {
      throw new IllegalArgumentException("invalid command line string");
    }
    if (got) {
      words.add(buf.toString());
    }
    return new Result(words, stopped);
  }
}
