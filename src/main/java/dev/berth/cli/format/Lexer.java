package dev.berth.cli.format;

import dev.berth.cli.format.Token.Kind;
import dev.berth.diag.BerthException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a template into {@link Token}s: text, and inside {@code {{ }}} the items of an action.
 * Trim markers ({@code {{- } and {@code -}}}) remove the white space next to them from the text
 * here, and comments ({@code {{/* ... *}{@code /}}}) vanish here, so the parser never sees either.
 */
final class Lexer {

  private final String src;
  private final List<Token> out = new ArrayList<>();
  private int pos;
  private int parenDepth;

  private Lexer(String src) {
    this.src = src;
  }

  static List<Token> lex(String src) throws BerthException {
    Lexer l = new Lexer(src);
    l.run();
    return l.out;
  }

  private void run() throws BerthException {
    boolean trimNext = false;
    while (pos < src.length()) {
      int open = src.indexOf("{{", pos);
      int end = open < 0 ? src.length() : open;
      String text = src.substring(pos, end);
      if (trimNext) {
        text = text.stripLeading();
      }
      trimNext = false;
      boolean trimLeft = open >= 0 && hasLeftTrim(open);
      if (trimLeft) {
        text = text.stripTrailing();
      }
      if (!text.isEmpty()) {
        out.add(new Token(Kind.TEXT, text, pos));
      }
      if (open < 0) {
        pos = src.length();
        break;
      }
      pos = open + 2 + (trimLeft ? 2 : 0);
      if (src.startsWith("/*", pos)) {
        trimNext = comment(open);
      } else {
        out.add(new Token(Kind.LEFT, "{{", open));
        trimNext = action();
      }
    }
    out.add(new Token(Kind.EOF, "", src.length()));
  }

  private boolean hasLeftTrim(int open) {
    return src.startsWith("-", open + 2)
        && open + 3 < src.length()
        && isSpace(src.charAt(open + 3));
  }

  /** Skips a comment; returns whether it ended with a right trim marker. */
  private boolean comment(int open) throws BerthException {
    int close = src.indexOf("*/", pos + 2);
    if (close < 0) {
      throw TemplateException.parse(src, open, "unclosed comment");
    }
    pos = close + 2;
    if (src.startsWith(" -}}", pos)) {
      pos += 4;
      return true;
    }
    if (src.startsWith("}}", pos)) {
      pos += 2;
      return false;
    }
    throw TemplateException.parse(src, open, "comment ends before closing delimiter");
  }

  /** Lexes the inside of one action up to and including its {@code }}}. */
  private boolean action() throws BerthException {
    while (true) {
      if (pos >= src.length()) {
        throw TemplateException.parse(src, pos, "unclosed action");
      }
      char c = src.charAt(pos);
      if (src.startsWith("}}", pos)) {
        if (parenDepth > 0) {
          throw TemplateException.parse(src, pos, "unclosed left paren");
        }
        out.add(new Token(Kind.RIGHT, "}}", pos));
        pos += 2;
        return false;
      }
      if (isSpace(c)) {
        int start = pos;
        while (pos < src.length() && isSpace(src.charAt(pos))) {
          pos++;
        }
        if (src.startsWith("-}}", pos)) {
          if (parenDepth > 0) {
            throw TemplateException.parse(src, pos, "unclosed left paren");
          }
          out.add(new Token(Kind.RIGHT, "}}", pos));
          pos += 3;
          return true;
        }
        out.add(new Token(Kind.SPACE, src.substring(start, pos), start));
      } else if (c == '|') {
        single(Kind.PIPE);
      } else if (c == '(') {
        parenDepth++;
        single(Kind.LEFT_PAREN);
      } else if (c == ')') {
        if (--parenDepth < 0) {
          throw TemplateException.parse(src, pos, "unexpected right paren");
        }
        single(Kind.RIGHT_PAREN);
      } else if (c == ',') {
        single(Kind.COMMA);
      } else if (c == '=') {
        single(Kind.ASSIGN);
      } else if (c == ':') {
        if (!src.startsWith(":=", pos)) {
          throw TemplateException.parse(src, pos, "expected :=");
        }
        out.add(new Token(Kind.DECLARE, ":=", pos));
        pos += 2;
      } else if (c == '"') {
        quoted();
      } else if (c == '`') {
        raw();
      } else if (c == '\'') {
        character();
      } else if (c == '$') {
        int start = pos++;
        word();
        out.add(new Token(Kind.VARIABLE, src.substring(start, pos), start));
      } else if (c == '.' && (pos + 1 >= src.length() || !isDigit(src.charAt(pos + 1)))) {
        int start = pos++;
        if (pos < src.length() && isWordChar(src.charAt(pos))) {
          word();
          out.add(new Token(Kind.FIELD, src.substring(start + 1, pos), start));
        } else {
          out.add(new Token(Kind.DOT, ".", start));
        }
      } else if (isDigit(c) || ((c == '-' || c == '+' || c == '.') && nextIsDigitOrDot())) {
        number();
      } else if (isWordChar(c)) {
        int start = pos;
        word();
        String w = src.substring(start, pos);
        Kind kind =
            switch (w) {
              case "true", "false" -> Kind.BOOL;
              case "nil" -> Kind.NIL;
              default -> Kind.IDENTIFIER;
            };
        out.add(new Token(kind, w, start));
      } else {
        throw TemplateException.parse(
            src, pos, "unexpected \"" + c + "\" in " + (parenDepth > 0 ? "operand" : "command"));
      }
    }
  }

  private void single(Kind kind) {
    out.add(new Token(kind, String.valueOf(src.charAt(pos)), pos));
    pos++;
  }

  private void word() {
    while (pos < src.length() && isWordChar(src.charAt(pos))) {
      pos++;
    }
  }

  private boolean nextIsDigitOrDot() {
    return pos + 1 < src.length() && (isDigit(src.charAt(pos + 1)) || src.charAt(pos + 1) == '.');
  }

  private void number() throws BerthException {
    int start = pos;
    if (src.charAt(pos) == '-' || src.charAt(pos) == '+') {
      pos++;
    }
    while (pos < src.length()) {
      char c = src.charAt(pos);
      boolean exponentSign =
          (c == '-' || c == '+') && "eEpP".indexOf(src.charAt(pos - 1)) >= 0 && !isHex(start);
      if (isWordChar(c) || c == '.' || exponentSign) {
        pos++;
      } else {
        break;
      }
    }
    out.add(new Token(Kind.NUMBER, src.substring(start, pos), start));
  }

  private boolean isHex(int start) {
    String s = src.substring(start, pos).replaceFirst("^[-+]", "");
    return s.startsWith("0x") || s.startsWith("0X");
  }

  private void quoted() throws BerthException {
    int start = pos++;
    StringBuilder b = new StringBuilder();
    while (true) {
      if (pos >= src.length() || src.charAt(pos) == '\n') {
        throw TemplateException.parse(src, start, "unterminated quoted string");
      }
      char c = src.charAt(pos++);
      if (c == '"') {
        break;
      }
      if (c == '\\') {
        pos = escape(b, start);
      } else {
        b.append(c);
      }
    }
    out.add(new Token(Kind.STRING, b.toString(), start));
  }

  /** Appends the escape at {@code pos} (after the backslash) and returns the offset after it. */
  private int escape(StringBuilder b, int start) throws BerthException {
    if (pos >= src.length()) {
      throw TemplateException.parse(src, start, "unterminated quoted string");
    }
    char e = src.charAt(pos++);
    switch (e) {
      case 'n' -> b.append('\n');
      case 't' -> b.append('\t');
      case 'r' -> b.append('\r');
      case 'a' -> b.append('\u0007');
      case 'b' -> b.append('\b');
      case 'f' -> b.append('\f');
      case 'v' -> b.append('\u000b');
      case '\\', '"', '\'' -> b.append(e);
      case 'x' -> b.appendCodePoint(hex(2, start));
      case 'u' -> b.appendCodePoint(hex(4, start));
      case 'U' -> b.appendCodePoint(hex(8, start));
      default -> throw TemplateException.parse(src, start, "invalid syntax: unknown escape \\" + e);
    }
    return pos;
  }

  private int hex(int digits, int start) throws BerthException {
    if (pos + digits > src.length()) {
      throw TemplateException.parse(src, start, "invalid syntax: short escape");
    }
    try {
      int v = Integer.parseInt(src.substring(pos, pos + digits), 16);
      pos += digits;
      return v;
    } catch (NumberFormatException e) {
      throw TemplateException.parse(src, start, "invalid syntax: bad hex escape");
    }
  }

  private void raw() throws BerthException {
    int start = pos;
    int close = src.indexOf('`', pos + 1);
    if (close < 0) {
      throw TemplateException.parse(src, start, "unterminated raw quoted string");
    }
    out.add(new Token(Kind.STRING, src.substring(pos + 1, close), start));
    pos = close + 1;
  }

  private void character() throws BerthException {
    int start = pos++;
    StringBuilder b = new StringBuilder();
    if (pos < src.length() && src.charAt(pos) == '\\') {
      pos++;
      pos = escape(b, start);
    } else if (pos < src.length()) {
      b.appendCodePoint(src.codePointAt(pos));
      pos += Character.charCount(src.codePointAt(pos));
    }
    if (pos >= src.length() || src.charAt(pos) != '\'' || b.isEmpty()) {
      throw TemplateException.parse(src, start, "unterminated character constant");
    }
    pos++;
    out.add(new Token(Kind.CHAR, b.toString(), start));
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isWordChar(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }
}
