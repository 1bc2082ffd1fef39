package dev.berth.dockerfile.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits arguments into words at unquoted white space, keeping quotes and escapes in the words
 * (BuildKit's {@code parseWords}, used by ENV, LABEL and ARG); expansion removes them later.
 */
final class Words {

  /** A word and the index in the text where it starts. */
  record Word(String text, int start) {}

  private enum Phase {
    SPACES,
    WORD,
    QUOTE
  }

  private Words() {}

  static List<Word> split(String text, int from, int to, char escape) {
    List<Word> words = new ArrayList<>();
    Phase phase = Phase.SPACES;
    StringBuilder word = new StringBuilder();
    int wordStart = from;
    char quote = 0;
    boolean blankOk = false;
    for (int pos = from; pos <= to; pos++) {
      char ch = pos < to ? text.charAt(pos) : 0;
      if (phase == Phase.SPACES) {
        if (pos == to) {
          break;
        }
        if (Whitespace.isSpace(ch)) {
          continue;
        }
        phase = Phase.WORD;
        wordStart = pos;
      }
      if (pos == to) {
        if (blankOk || word.length() > 0) {
          words.add(new Word(word.toString(), wordStart));
        }
        break;
      }
      if (phase == Phase.WORD) {
        if (Whitespace.isSpace(ch)) {
          phase = Phase.SPACES;
          if (blankOk || word.length() > 0) {
            words.add(new Word(word.toString(), wordStart));
          }
          word.setLength(0);
          blankOk = false;
          continue;
        }
        if (ch == '\'' || ch == '"') {
          quote = ch;
          blankOk = true;
          phase = Phase.QUOTE;
        }
        if (ch == escape) {
          if (pos + 1 == to) {
            continue; // an escape at the very end is dropped
          }
          word.append(ch);
          pos++;
          ch = text.charAt(pos);
        }
        word.append(ch);
        continue;
      }
      // Phase.QUOTE: the escape works inside double quotes only.
      if (ch == quote) {
        phase = Phase.WORD;
      }
      if (ch == escape && quote != '\'') {
        if (pos + 1 == to) {
          phase = Phase.WORD;
          continue;
        }
        pos++;
        word.append(ch);
        ch = text.charAt(pos);
      }
      word.append(ch);
    }
    return words;
  }
}
