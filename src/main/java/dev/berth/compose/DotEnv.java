package dev.berth.compose;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code .env} and {@code env_file} files by docker compose's rules: {@code KEY=VALUE} or
 * {@code KEY: VALUE}, an optional {@code export } prefix, {@code #} comments (inline only after a
 * space in unquoted values), single quotes taken literally, double quotes with {@code \n}-style
 * escapes, both quotes spanning lines, variables expanded in unquoted and double-quoted values, and
 * a bare {@code KEY} taking its value from the environment.
 */
final class DotEnv {

  /** A line of a dotenv file that could not be read. */
  static final class DotEnvException extends Exception {
    private final int line;

    DotEnvException(int line, String message) {
      super(message);
      this.line = line;
    }

    int line() {
      return line;
    }
  }

  private static final Pattern EXPORT = Pattern.compile("^export\\s+");
  private static final Pattern ESCAPE = Pattern.compile("\\\\(?:[abcfnrtv$\"\\\\]|0[0-7]{0,3})");

  private final String src;
  private final Function<String, Optional<String>> lookup;
  private final LinkedHashMap<String, String> out = new LinkedHashMap<>();
  private int pos;

  private DotEnv(String src, Function<String, Optional<String>> lookup) {
    this.src = src;
    this.lookup = lookup;
  }

  /**
   * Parses a dotenv text.
   *
   * @param lookup values from outside the file, used for bare keys and for expansion (before the
   *     file's own earlier keys)
   */
  static Map<String, String> parse(String text, Function<String, Optional<String>> lookup)
      throws DotEnvException {
    DotEnv p = new DotEnv(text, lookup);
    p.run();
    return p.out;
  }

  private void run() throws DotEnvException {
    while (true) {
      skipBlankAndComments();
      if (pos >= src.length()) {
        return;
      }
      int statement = pos;
      Matcher export = EXPORT.matcher(src.substring(pos));
      if (export.find()) {
        pos += export.end();
      }
      while (pos < src.length() && isSpace(src.charAt(pos))) {
        pos++;
      }
      int keyStart = pos;
      boolean inherited = true;
      int keyEnd = src.length();
      while (pos < src.length()) {
        char c = src.charAt(pos);
        if (c == '=' || c == ':' || c == '\n') {
          keyEnd = pos;
          inherited = c == '\n';
          pos++;
          break;
        }
        if (!isSpace(c) && !isKeyChar(c)) {
          throw new DotEnvException(
              lineAt(pos), "unexpected character \"" + c + "\" in variable name");
        }
        pos++;
      }
      String key = src.substring(keyStart, Math.min(keyEnd, src.length())).stripTrailing();
      if (key.isEmpty()) {
        throw new DotEnvException(lineAt(statement), "a line has a value but no variable name");
      }
      if (key.chars().anyMatch(ch -> isSpace((char) ch))) {
        throw new DotEnvException(lineAt(statement), "key cannot contain a space");
      }
      if (inherited) {
        lookup.apply(key).ifPresent(v -> out.put(key, v));
        continue;
      }
      while (pos < src.length() && isSpace(src.charAt(pos))) {
        pos++;
      }
      out.put(key, value());
    }
  }

  private String value() throws DotEnvException {
    char quote = pos < src.length() ? src.charAt(pos) : '\0';
    if (quote != '"' && quote != '\'') {
      int end = src.indexOf('\n', pos);
      if (end < 0) {
        end = src.length();
      }
      String raw = src.substring(pos, end);
      pos = end;
      int comment = raw.indexOf(" #");
      if (comment >= 0) {
        raw = raw.substring(0, comment);
      }
      return expand(raw.stripTrailing(), pos);
    }
    int start = pos;
    for (int i = pos + 1; i < src.length(); i++) {
      if (src.charAt(i) != quote || src.charAt(i - 1) == '\\') {
        continue;
      }
      String inner = src.substring(pos + 1, i);
      pos = i + 1;
      return quote == '"' ? expand(unescape(inner), start) : inner;
    }
    int lineEnd = src.indexOf('\n', start);
    throw new DotEnvException(
        lineAt(start),
        "unterminated quoted value " + src.substring(start, lineEnd < 0 ? src.length() : lineEnd));
  }

  private String expand(String value, int at) throws DotEnvException {
    try {
      return Interpolation.string(
          value,
          name -> {
            Optional<String> outside = lookup.apply(name);
            return outside.isPresent() ? outside : Optional.ofNullable(out.get(name));
          });
    } catch (Template.TemplateException e) {
      throw new DotEnvException(lineAt(at), e.getMessage());
    }
  }

  /** Shell-style escapes of double-quoted values; {@code \$} becomes {@code $$}, a literal $. */
  private static String unescape(String s) {
    Matcher m = ESCAPE.matcher(s);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String esc = m.group();
      String replacement;
      switch (esc.charAt(1)) {
        case 'a' -> replacement = "\u0007";
        case 'b' -> replacement = "\b";
        case 'f' -> replacement = "\f";
        case 'n' -> replacement = "\n";
        case 'r' -> replacement = "\r";
        case 't' -> replacement = "\t";
        case 'v' -> replacement = "\u000b";
        case '$' -> replacement = "$$";
        case '"' -> replacement = "\"";
        case '\\' -> replacement = "\\";
        case '0' -> replacement = octal(esc);
        default -> replacement = esc;
      }
      m.appendReplacement(b, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(b);
    return b.toString();
  }

  private static String octal(String esc) {
    // Go reads "\0123" as the octal escape \123; a lone "\0" or too few digits stays as written.
    String digits = esc.substring(2);
    if (digits.length() != 3) {
      return esc;
    }
    int v = Integer.parseInt(digits, 8);
    return v > 255 ? esc : String.valueOf((char) v);
  }

  private void skipBlankAndComments() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (Character.isWhitespace(c) || c == '\u0085' || c == '\u00a0') {
        pos++;
      } else if (c == '#') {
        int end = src.indexOf('\n', pos);
        pos = end < 0 ? src.length() : end;
      } else {
        return;
      }
    }
  }

  private int lineAt(int index) {
    int line = 1;
    for (int i = 0; i < index && i < src.length(); i++) {
      if (src.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static boolean isKeyChar(char c) {
    return c == '_' || c == '.' || c == '-' || c == '[' || c == ']' || Character.isLetterOrDigit(c);
  }

  /** Blanks other than a line break. */
  private static boolean isSpace(char c) {
    return c == '\t'
        || c == '\u000b'
        || c == '\f'
        || c == '\r'
        || c == ' '
        || c == '\u0085'
        || c == '\u00a0';
  }
}
