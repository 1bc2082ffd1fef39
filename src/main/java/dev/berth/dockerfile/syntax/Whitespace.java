package dev.berth.dockerfile.syntax;

/**
 * The two notions of white space BuildKit's parser uses: Go's {@code unicode.IsSpace} (for trimming
 * and word splitting) and the narrower {@code [\t\v\f\r ]} that separates an instruction's keyword
 * and whitespace-delimited arguments.
 */
final class Whitespace {

  private Whitespace() {}

  /** Go's {@code unicode.IsSpace}. */
  static boolean isSpace(char c) {
    switch (c) {
      case '\t',
      '\n',
      0x0B,
      '\f',
      '\r',
      ' ',
      0x85,
      0xA0,
      0x1680,
      0x2028,
      0x2029,
      0x202F,
      0x205F,
      0x3000:
        return true;
      default:
        return c >= 0x2000 && c <= 0x200A;
    }
  }

  /** The separators of {@code [\t\v\f\r ]+}. */
  static boolean isTokenSpace(char c) {
    return c == '\t' || c == 0x0B || c == '\f' || c == '\r' || c == ' ';
  }

  /** The index of the first character at or after {@code from} that is not {@link #isSpace}. */
  static int skipSpace(CharSequence s, int from, int to) {
    int i = from;
    while (i < to && isSpace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The end of {@code s[from, to)} once trailing {@link #isSpace} characters are dropped. */
  static int trimEnd(CharSequence s, int from, int to) {
    int i = to;
    while (i > from && isSpace(s.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  static boolean isBlank(String s) {
    return skipSpace(s, 0, s.length()) == s.length();
  }
}
