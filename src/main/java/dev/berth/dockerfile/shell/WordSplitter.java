package dev.berth.dockerfile.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the words of an expansion as it is built. Unquoted text and unquoted {@code $} results
 * split at white space; quoted text and escaped characters never do. A word that is still empty
 * when white space arrives (an empty {@code ""}) is not emitted, as in BuildKit.
 */
final class WordSplitter {

  /** White space outside the range U+2000 to U+200A. */
  private static final String SPACES =
      "\t\n\u000b\f\r \u0085\u00a0\u1680\u2028\u2029\u202f\u205f\u3000";

  private final List<String> words = new ArrayList<>();
  private final StringBuilder word = new StringBuilder();
  private boolean inWord;

  /** An unquoted character: white space ends the current word. */
  void splittable(int c) {
    if (!isSpace(c)) {
      literal(c);
    } else if (inWord && word.length() > 0) {
      words.add(word.toString());
      word.setLength(0);
      inWord = false;
    }
  }

  /** Unquoted text, such as the value of an unquoted {@code $VAR}: split at white space. */
  void splittable(String s) {
    s.codePoints().forEach(this::splittable);
  }

  /** A character that is part of the word whatever it is (escaped). */
  void literal(int c) {
    word.appendCodePoint(c);
    inWord = true;
  }

  /** Quoted text: part of the current word, spaces included. */
  void literal(String s) {
    word.append(s);
    inWord = true;
  }

  List<String> words() {
    List<String> all = new ArrayList<>(words);
    if (word.length() > 0) {
      all.add(word.toString());
    }
    return List.copyOf(all);
  }

  /**
   * White space as Go's {@code unicode.IsSpace} sees it (the Unicode White_Space property), which
   * differs from {@link Character#isWhitespace} (that one skips no-break spaces and counts the
   * ASCII separators 0x1c-0x1f).
   */
  static boolean isSpace(int c) {
    return SPACES.indexOf(c) >= 0 || (c >= 0x2000 && c <= 0x200a);
  }
}
