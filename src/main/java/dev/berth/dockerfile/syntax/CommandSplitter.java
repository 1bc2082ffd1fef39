package dev.berth.dockerfile.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits an instruction's text into its keyword, its {@code --flags} and the range of its
 * arguments, as BuildKit's {@code splitCommand} does. Flags end at the first word that does not
 * start with {@code --}, or after a lone {@code --}; quotes and backslashes in flags are removed.
 */
final class CommandSplitter {

  /**
   * The parts of one instruction.
   *
   * @param keyword the keyword as written
   * @param keywordStart its index in the text
   * @param argsStart the start of the arguments, leading and trailing white space excluded
   * @param argsEnd their end; equal to {@code argsStart} when there are none
   */
  record Split(String keyword, int keywordStart, List<String> flags, int argsStart, int argsEnd) {

    String lowerKeyword() {
      return keyword.toLowerCase(Locale.ROOT);
    }

    boolean hasArgs() {
      return argsEnd > argsStart;
    }
  }

  private CommandSplitter() {}

  /** Splits {@code text[from, to)}. */
  static Split split(String text, int from, int to) {
    int start = Whitespace.skipSpace(text, from, to);
    int end = Whitespace.trimEnd(text, start, to);
    int keywordEnd = start;
    while (keywordEnd < end && !Whitespace.isTokenSpace(text.charAt(keywordEnd))) {
      keywordEnd++;
    }
    String keyword = text.substring(start, keywordEnd);
    if (keywordEnd == end) {
      return new Split(keyword, start, List.of(), end, end);
    }
    int rest = keywordEnd;
    while (rest < end && Whitespace.isTokenSpace(text.charAt(rest))) {
      rest++;
    }
    List<String> flags = new ArrayList<>();
    int argsStart = Whitespace.skipSpace(text, extractFlags(text, rest, end, flags), end);
    return new Split(keyword, start, flags, argsStart, end);
  }

  private enum Phase {
    SPACES,
    WORD,
    QUOTE
  }

  /** Collects the flags at the start of {@code text[start, end)}; returns where the rest begins. */
  private static int extractFlags(String text, int start, int end, List<String> flags) {
    Phase phase = Phase.SPACES;
    StringBuilder word = new StringBuilder();
    char quote = 0;
    boolean blankOk = false;
    for (int pos = start; pos <= end; pos++) {
      char ch = pos < end ? text.charAt(pos) : 0;
      if (phase == Phase.SPACES) {
        if (pos == end) {
          break;
        }
        if (Whitespace.isSpace(ch)) {
          continue;
        }
        if (ch != '-' || pos + 1 == end || text.charAt(pos + 1) != '-') {
          return pos;
        }
        phase = Phase.WORD;
      }
      if (pos == end) {
        if (!word.toString().equals("--") && (blankOk || word.length() > 0)) {
          flags.add(word.toString());
        }
        break;
      }
      if (phase == Phase.WORD) {
        if (Whitespace.isSpace(ch)) {
          phase = Phase.SPACES;
          if (word.toString().equals("--")) {
            return pos;
          }
          if (blankOk || word.length() > 0) {
            flags.add(word.toString());
          }
          word.setLength(0);
          blankOk = false;
          continue;
        }
        if (ch == '\'' || ch == '"') {
          quote = ch;
          blankOk = true;
          phase = Phase.QUOTE;
          continue;
        }
        if (ch == '\\') {
          if (pos + 1 == end) {
            continue;
          }
          pos++;
          ch = text.charAt(pos);
        }
        word.append(ch);
        continue;
      }
      // Phase.QUOTE
      if (ch == quote) {
        phase = Phase.WORD;
        continue;
      }
      if (ch == '\\') {
        if (pos + 1 == end) {
          phase = Phase.WORD;
          continue;
        }
        pos++;
        ch = text.charAt(pos);
      }
      word.append(ch);
    }
    return end;
  }
}
