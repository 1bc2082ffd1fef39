package dev.berth.context;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compiled glob. The syntax is Go's {@code filepath.Match}: {@code *} and {@code ?} never match
 * {@code /}, {@code [...]} is a character class negated by {@code ^}, and {@code \} makes the next
 * character literal. With {@code doubleStar}, {@code **} also matches any number of directories, as
 * docker's .dockerignore matcher does.
 */
final class Glob {

  private final String text;
  private final Pattern regex;

  private Glob(String text, Pattern regex) {
    this.text = text;
    this.regex = regex;
  }

  static Glob compile(String pattern, boolean doubleStar) throws BadPatternException {
    StringBuilder re = new StringBuilder();
    int n = pattern.length();
    int i = 0;
    while (i < n) {
      char c = pattern.charAt(i);
      if (c == '*') {
        if (doubleStar && i + 1 < n && pattern.charAt(i + 1) == '*') {
          i += 2;
          if (i < n && pattern.charAt(i) == '/') {
            i++;
          }
          // A trailing ** takes everything; elsewhere it stands for zero or more directories.
          re.append(i >= n ? ".*" : "(?:.*/)?");
          continue;
        }
        re.append("[^/]*");
        i++;
      } else if (c == '?') {
        re.append("[^/]");
        i++;
      } else if (c == '[') {
        i = appendClass(pattern, i, re, doubleStar);
      } else if (c == '\\') {
        if (i + 1 >= n) {
          throw new BadPatternException("'\\' at the end of the pattern escapes nothing", i + 1);
        }
        appendLiteral(re, pattern.codePointAt(i + 1));
        i += 1 + Character.charCount(pattern.codePointAt(i + 1));
      } else {
        int cp = pattern.codePointAt(i);
        appendLiteral(re, cp);
        i += Character.charCount(cp);
      }
    }
    return new Glob(pattern, Pattern.compile(re.toString(), Pattern.DOTALL));
  }

  /** Parses {@code [...]} starting at {@code start}; returns the index after its {@code ]}. */
  private static int appendClass(String p, int start, StringBuilder re, boolean doubleStar)
      throws BadPatternException {
    int n = p.length();
    int i = start + 1;
    boolean negated = i < n && p.charAt(i) == '^';
    if (negated) {
      i++;
    }
    StringBuilder ranges = new StringBuilder();
    int count = 0;
    while (true) {
      if (i >= n) {
        throw new BadPatternException("unterminated character class '['", start + 1);
      }
      if (p.charAt(i) == ']' && count > 0) {
        i++;
        break;
      }
      int[] lo = classChar(p, i, start);
      i = lo[1];
      int hi = lo[0];
      if (i < n && p.charAt(i) == '-') {
        int[] h = classChar(p, i + 1, start);
        hi = h[0];
        i = h[1];
      }
      count++;
      // filepath.Match accepts a backwards range and lets it match nothing; docker's ignore
      // matcher hands the class to Go's regexp, which refuses it, so the build fails.
      if (lo[0] > hi && doubleStar) {
        throw new BadPatternException(
            "invalid character class range '" + p.substring(start, i) + "'", start + 1);
      }
      if (lo[0] <= hi) {
        ranges.append(literal(lo[0])).append('-').append(literal(hi));
      }
    }
    if (ranges.length() == 0) {
      re.append(negated ? "." : "(?!)");
      return i;
    }
    re.append('[').append(negated ? "^" : "").append(ranges).append(']');
    return i;
  }

  /** One character of a class at {@code i}: {code point, next index}. */
  private static int[] classChar(String p, int i, int start) throws BadPatternException {
    int n = p.length();
    if (i >= n) {
      throw new BadPatternException("unterminated character class '['", start + 1);
    }
    char c = p.charAt(i);
    if (c == '-' || c == ']') {
      throw new BadPatternException("'" + c + "' must be escaped in a character class", i + 1);
    }
    if (c == '\\') {
      i++;
      if (i >= n) {
        throw new BadPatternException("unterminated character class '['", start + 1);
      }
    }
    int cp = p.codePointAt(i);
    return new int[] {cp, i + Character.charCount(cp)};
  }

  private static void appendLiteral(StringBuilder re, int cp) {
    re.append(literal(cp));
  }

  private static String literal(int cp) {
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')) {
      return Character.toString(cp);
    }
    return "\\x{" + Integer.toHexString(cp) + "}";
  }

  boolean matches(String path) {
    return regex.matcher(path).matches();
  }

  /**
   * Whether the glob could match {@code prefix} followed by more text: the regex engine reached the
   * end of the input while it still had a way to go on.
   */
  boolean mayMatchLonger(String prefix) {
    Matcher m = regex.matcher(prefix);
    return m.matches() || m.hitEnd();
  }

  /** True when the text holds a wildcard that is not escaped, as BuildKit decides it. */
  static boolean hasWildcards(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '*' || c == '?' || c == '[') {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return text;
  }
}
