package dev.berth.dockerfile.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the here-document openers ({@code <<EOF}, {@code <<-EOF}, {@code <<"EOF"}, {@code 2<<EOF})
 * in an instruction's text. Like BuildKit, the text is split into shell words first, so a {@code
 * <<} inside quotes or in the middle of a word opens nothing; the escape here is always {@code \}.
 */
final class HeredocMarkers {

  /** One opener: the delimiter word, whether it was quoted, whether it was {@code <<-}. */
  record Marker(String name, boolean expand, boolean chomp, int start) {}

  // BuildKit's reHeredoc; the white space class is Go's \\s.
  private static final Pattern OPENER = Pattern.compile("(\\d*)<<(-?)[\\t\\n\\f\\r ]*([^<]*)");

  private HeredocMarkers() {}

  static List<Marker> find(String text) {
    List<Marker> markers = new ArrayList<>();
    for (Words.Word word : rawWords(text)) {
      opener(word.text(), word.start()).ifPresent(markers::add);
    }
    return markers;
  }

  /**
   * The opener one word is, if any: {@code [fd]<<[-][white space]name}, the name a single shell
   * word after quote removal. As in BuildKit, white space may follow {@code <<} but not {@code
   * <<-}.
   */
  static Optional<Marker> opener(String word, int start) {
    Matcher m = OPENER.matcher(word);
    if (!m.matches() || m.group(3).isEmpty()) {
      return Optional.empty();
    }
    Delimiter d = delimiter(m.group(3));
    if (d == null || d.name().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Marker(d.name(), !d.quoted(), !m.group(2).isEmpty(), start));
  }

  /**
   * Shell words with their quotes and escapes kept; none at all when a quote is left open (BuildKit
   * then finds no heredocs either).
   */
  private static List<Words.Word> rawWords(String text) {
    List<Words.Word> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    int start = -1;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Whitespace.isSpace(c)) {
        if (start >= 0) {
          words.add(new Words.Word(word.toString(), start));
          word.setLength(0);
          start = -1;
        }
        i++;
        continue;
      }
      if (start < 0) {
        start = i;
      }
      if (c == '<' && i + 1 < text.length() && text.charAt(i + 1) == '<') {
        // BuildKit's lexer keeps the white space after << in the word: "<< EOF" is one word.
        int j = i + 2;
        while (j < text.length() && Whitespace.isSpace(text.charAt(j))) {
          j++;
        }
        word.append(text, i, j);
        i = j;
      } else if (c == '\'' || c == '"') {
        int close = closingQuote(text, i);
        if (close < 0) {
          return List.of();
        }
        word.append(text, i, close + 1);
        i = close + 1;
      } else if (c == '\\' && i + 1 < text.length()) {
        word.append(text, i, i + 2);
        i += 2;
      } else {
        word.append(c);
        i++;
      }
    }
    if (start >= 0) {
      words.add(new Words.Word(word.toString(), start));
    }
    return words;
  }

  /** The index of the quote that closes the one at {@code open}, or -1. */
  private static int closingQuote(String text, int open) {
    char q = text.charAt(open);
    for (int i = open + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == q) {
        return i;
      }
      if (q == '"' && c == '\\') {
        i++;
      }
    }
    return -1;
  }

  private record Delimiter(String name, boolean quoted) {}

  /** The delimiter word with quotes and escapes removed; null if it is not a single word. */
  private static Delimiter delimiter(String raw) {
    StringBuilder name = new StringBuilder();
    boolean quoted = false;
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c == '\'' || c == '"') {
        int close = closingQuote(raw, i);
        if (close < 0) {
          return null;
        }
        quoted = true;
        for (int j = i + 1; j < close; j++) {
          char d = raw.charAt(j);
          if (c == '"' && d == '\\' && j + 1 < close && "\"$\\".indexOf(raw.charAt(j + 1)) >= 0) {
            j++;
            d = raw.charAt(j);
          }
          name.append(d);
        }
        i = close + 1;
      } else if (c == '\\') {
        if (i + 1 < raw.length()) {
          name.append(raw.charAt(i + 1));
        }
        i += 2;
      } else if (Whitespace.isSpace(c)) {
        return null;
      } else {
        name.append(c);
        i++;
      }
    }
    return new Delimiter(name.toString(), quoted);
  }
}
