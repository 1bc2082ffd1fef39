package dev.berth.dockerfile.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell patterns of {@code ${VAR#p}}, {@code ${VAR%p}} and {@code ${VAR/p/r}}: {@code *} is any
 * run of characters, {@code ?} one character, {@code \} makes {@code *}, {@code ?} or {@code \}
 * literal and is dropped before {@code }} or {@code /}. There are no bracket expressions, as in
 * BuildKit. Neither wildcard matches a newline.
 */
final class ShellPattern {

  /** A pattern that cannot be compiled; the message says why. */
  static final class InvalidPatternException extends Exception {
    InvalidPatternException(String message) {
      super(message);
    }
  }

  private ShellPattern() {}

  /** {@code ${VAR#p}} ({@code longest == false}) and {@code ${VAR##p}}. */
  static String removePrefix(String value, String pattern, boolean longest)
      throws InvalidPatternException {
    Matcher m = compile(pattern, longest, true).matcher(value);
    return m.find() ? value.substring(m.end()) : value;
  }

  /**
   * {@code ${VAR%p}} and {@code ${VAR%%p}}: a regular expression finds the leftmost match, not the
   * rightmost one, so the search runs over the reversed value with the reversed pattern.
   */
  static String removeSuffix(String value, String pattern, boolean longest)
      throws InvalidPatternException {
    String reversed = removePrefix(reverse(value), reversePattern(pattern), longest);
    return reverse(reversed);
  }

  /** {@code ${VAR/p/r}} (first match) and {@code ${VAR//p/r}} (every match). */
  static String replace(
      String value, String pattern, String replacement, boolean all, int maxLength)
      throws InvalidPatternException, TooLongException {
    Matcher m = compile(pattern, true, false).matcher(value);
    if (!all) {
      return m.find()
          ? value.substring(0, m.start()) + replacement + value.substring(m.end())
          : value;
    }
    return replaceAll(value, m, replacement, maxLength);
  }

  /** A replacement whose result would pass the length it was given. */
  static final class TooLongException extends Exception {
    private static final long serialVersionUID = 1L;

    TooLongException() {
      super(null, null, false, false);
    }
  }

  /**
   * Replaces every match the way Go's {@code Regexp.ReplaceAllString} does, which differs from
   * {@link Matcher#replaceAll}: an empty match right after another match is skipped (so {@code *}
   * replaces "abc" once, not twice), and {@code $0}, {@code ${0}} and {@code $$} in the replacement
   * are expanded.
   */
  private static String replaceAll(String value, Matcher m, String replacement, int maxLength)
      throws TooLongException {
    StringBuilder out = new StringBuilder();
    int lastEnd = 0;
    int search = 0;
    while (search <= value.length() && m.find(search)) {
      out.append(value, lastEnd, m.start());
      if (m.end() > lastEnd || m.start() == 0) {
        GoTemplate.expand(replacement, m.group(), out);
      }
      if (out.length() > maxLength) {
        throw new TooLongException();
      }
      lastEnd = m.end();
      int width = search < value.length() ? Character.charCount(value.codePointAt(search)) : 1;
      search = Math.max(search + width, m.end());
    }
    return out.append(value, lastEnd, value.length()).toString();
  }

  static Pattern compile(String pattern, boolean longest, boolean anchored)
      throws InvalidPatternException {
    StringBuilder regex = new StringBuilder();
    if (anchored) {
      regex.append('^');
    }
    StringBuilder literal = new StringBuilder();
    int[] cps = pattern.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      int c = cps[i];
      if (c == '*' || c == '?') {
        flush(literal, regex);
        regex.append(c == '?' ? "." : longest ? ".*" : ".*?");
      } else if (c == '\\') {
        int next = i + 1 < cps.length ? cps[i + 1] : -1;
        if (next == '}' || next == '/') {
          // The backslash only kept these from ending the ${...}; it is not part of the pattern.
          continue;
        }
        if (next != '*' && next != '?' && next != '\\') {
          throw new InvalidPatternException(
              next < 0
                  ? "invalid escape at the end of the pattern"
                  : "invalid escape '\\" + Character.toString(next) + "'");
        }
        literal.appendCodePoint(next);
        i++;
      } else {
        literal.appendCodePoint(c);
      }
    }
    flush(literal, regex);
    // UNIX_LINES: only \n ends a line for '.', as in Go's regular expressions.
    return Pattern.compile(regex.toString(), Pattern.UNIX_LINES);
  }

  private static void flush(StringBuilder literal, StringBuilder regex) {
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
      literal.setLength(0);
    }
  }

  /** Reverses a pattern's characters but keeps each {@code \x} escape pair in order. */
  static String reversePattern(String pattern) {
    int[] cps = pattern.codePoints().toArray();
    List<String> units = new ArrayList<>();
    for (int i = 0; i < cps.length; i++) {
      if (cps[i] == '\\' && i + 1 < cps.length) {
        units.add(new String(cps, i, 2));
        i++;
      } else {
        units.add(Character.toString(cps[i]));
      }
    }
    StringBuilder out = new StringBuilder(pattern.length());
    for (int i = units.size() - 1; i >= 0; i--) {
      out.append(units.get(i));
    }
    return out.toString();
  }

  /** Reverses by code point, so surrogate pairs stay intact. */
  static String reverse(String s) {
    return new StringBuilder(s).reverse().toString();
  }
}
