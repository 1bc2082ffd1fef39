package dev.berth.dockerfile.shell;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One expansion of one word: a cursor over its code points plus the names seen so far. Not
 * thread-safe; {@link ShellLex} makes a new one per call.
 */
final class Expander {

  private static final int EOF = -1;

  /** The text of a stretch of the word and the words it splits into. */
  record Result(String value, List<String> words, Set<String> matched, Set<String> unmatched) {}

  private final String word;
  private final int[] cps;
  private final int escape;
  private final ShellOptions options;
  private final Map<String, String> env;
  private final Set<String> matched = new LinkedHashSet<>();
  private final Set<String> unmatched = new LinkedHashSet<>();
  private int pos;
  private int depth;

  Expander(String word, int escape, ShellOptions options, Map<String, String> env) {
    this.word = word;
    this.cps = word.codePoints().toArray();
    this.escape = escape;
    this.options = options;
    this.env = env;
  }

  Result run() throws ExpansionException {
    WordSplitter words = new WordSplitter();
    String value = readUntil(EOF, options.rawEscapes(), words, 0);
    return new Result(value, words.words(), matched, unmatched);
  }

  private int peek() {
    return pos < cps.length ? cps[pos] : EOF;
  }

  private int next() {
    return pos < cps.length ? cps[pos++] : EOF;
  }

  private ExpansionException error(int at, String reason) {
    return new ExpansionException(word, word.offsetByCodePoints(0, at), reason);
  }

  /**
   * Expands up to (and past) {@code stop}, or to the end of the word when {@code stop} is EOF.
   * Modifier words ({@code ${VAR:-word}}) come through here too, with their own escape handling:
   * patterns keep their escapes so that {@code \*} still means a literal star.
   */
  private String readUntil(int stop, boolean rawEscapes, WordSplitter words, int openedAt)
      throws ExpansionException {
    StringBuilder out = new StringBuilder();
    while (peek() != EOF) {
      int c = peek();
      if (stop != EOF && c == stop) {
        next();
        return out.toString();
      }
      if (c == '$') {
        int at = pos;
        String value = dollar();
        if (out.length() + value.length() > ShellLimits.MAX_WORD_CHARS) {
          throw tooLong(at);
        }
        out.append(value);
        words.splittable(value);
      } else if (c == '\'' && !options.skipProcessQuotes()) {
        String value = singleQuoted();
        out.append(value);
        words.literal(value);
      } else if (c == '"' && !options.skipProcessQuotes()) {
        String value = doubleQuoted(rawEscapes);
        out.append(value);
        words.literal(value);
      } else {
        next();
        if (c == escape) {
          if (rawEscapes) {
            out.appendCodePoint(c);
            words.literal(c);
          }
          c = next();
          if (c == EOF) {
            // An escape token at the very end escapes nothing and is dropped.
            break;
          }
          words.literal(c);
        } else {
          words.splittable(c);
        }
        out.appendCodePoint(c);
      }
    }
    if (stop != EOF) {
      throw error(
          openedAt,
          stop == '/'
              ? "syntax error: missing '/' in ${}"
              : "syntax error: missing '" + Character.toString(stop) + "'");
    }
    return out.toString();
  }

  /** Single quotes: everything is literal up to the next single quote; nothing escapes it. */
  private String singleQuoted() throws ExpansionException {
    int start = pos;
    StringBuilder out = new StringBuilder();
    int quote = next();
    if (options.rawQuotes()) {
      out.appendCodePoint(quote);
    }
    while (true) {
      int c = next();
      if (c == EOF) {
        throw error(start, "unexpected end of statement while looking for matching single-quote");
      }
      if (c == '\'') {
        if (options.rawQuotes()) {
          out.appendCodePoint(c);
        }
        return out.toString();
      }
      out.appendCodePoint(c);
    }
  }

  /**
   * Double quotes: {@code $} expands, and the escape token escapes only {@code "}, {@code $} and
   * itself; before anything else it stays literal (as {@code \} does in sh).
   */
  private String doubleQuoted(boolean rawEscapes) throws ExpansionException {
    int start = pos;
    StringBuilder out = new StringBuilder();
    int quote = next();
    if (options.rawQuotes()) {
      out.appendCodePoint(quote);
    }
    while (true) {
      int c = peek();
      if (c == EOF) {
        throw error(start, "unexpected end of statement while looking for matching double-quote");
      }
      if (c == '"') {
        next();
        if (options.rawQuotes()) {
          out.appendCodePoint(c);
        }
        return out.toString();
      }
      if (c == '$') {
        int at = pos;
        String value = dollar();
        if (out.length() + value.length() > ShellLimits.MAX_WORD_CHARS) {
          throw tooLong(at);
        }
        out.append(value);
        continue;
      }
      next();
      if (c == escape) {
        // With raw escapes an escape before an ordinary character comes out doubled, as in
        // BuildKit, so "\x" in a pattern still stands for a literal backslash.
        if (rawEscapes) {
          out.appendCodePoint(c);
        }
        int following = peek();
        if (following == EOF) {
          continue;
        }
        if (following == '"' || following == '$' || following == escape) {
          c = next();
        }
      }
      out.appendCodePoint(c);
    }
  }

  /** {@code $NAME}, {@code ${NAME}} or {@code ${NAME<modifier>word}}; the cursor is on the $. */
  private String dollar() throws ExpansionException {
    int start = pos;
    if (depth >= ShellLimits.MAX_NESTING) {
      throw error(
          start,
          "more than " + ShellLimits.MAX_NESTING + " nested ${...} expansions (berth's limit)");
    }
    depth++;
    try {
      return checked(start, dollarAt(start));
    } finally {
      depth--;
    }
  }

  /** A value no longer than {@link ShellLimits#MAX_WORD_CHARS}, or the error that says so. */
  private String checked(int start, String value) throws ExpansionException {
    if (value.length() > ShellLimits.MAX_WORD_CHARS) {
      throw tooLong(start);
    }
    return value;
  }

  private ExpansionException tooLong(int at) {
    return error(
        at,
        "the expansion is longer than "
            + ShellLimits.mib(ShellLimits.MAX_WORD_CHARS)
            + " (berth's limit for one word)");
  }

  private String dollarAt(int start) throws ExpansionException {
    next();
    if (peek() != '{') {
      String name = name();
      if (name.isEmpty()) {
        return "$";
      }
      String value = lookup(name);
      if (value == null && options.skipUnsetEnv()) {
        return "$" + name;
      }
      return value == null ? "" : value;
    }
    next();
    int first = peek();
    if (first == EOF) {
      throw error(start, "syntax error: missing '}'");
    }
    if (first == '{' || first == '}' || first == ':') {
      throw error(start, "syntax error: bad substitution");
    }
    String name = name();
    int modifier = next();
    if (modifier == '}') {
      String value = lookup(name);
      if (value == null && options.skipUnsetEnv()) {
        return "${" + name + "}";
      }
      return value == null ? "" : value;
    }
    if (modifier == EOF) {
      throw error(start, "syntax error: missing '}'");
    }
    if (modifier == '/') {
      return replacement(start, name);
    }
    boolean colon = modifier == ':';
    if (colon) {
      modifier = next();
    }
    String operator = (colon ? ":" : "") + (modifier == EOF ? "" : Character.toString(modifier));
    if (!colon && !isModifier(modifier)) {
      throw error(start, unsupported(name, operator));
    }
    boolean pattern = modifier == '#' || modifier == '%';
    // The modifier's word is read (and expanded) before the modifier is checked, as in BuildKit.
    String arg = readUntil('}', pattern, new WordSplitter(), start);
    String value = lookup(name);
    if (value == null && options.skipUnsetEnv()) {
      return "${" + name + operator + arg + "}";
    }
    boolean absent = value == null || (colon && value.isEmpty());
    switch (modifier) {
      case '-':
        return absent ? arg : value;
      case '+':
        return absent ? "" : arg;
      case '?':
        if (absent) {
          String why = value == null ? "is not allowed to be unset" : "is not allowed to be empty";
          throw error(start, name + ": " + (arg.isEmpty() ? why : arg));
        }
        return value;
      case '#':
      case '%':
        return trim(start, value == null ? "" : value, arg, modifier);
      default:
        throw error(start, unsupported(name, operator));
    }
  }

  private static boolean isModifier(int c) {
    return c == '-' || c == '+' || c == '?' || c == '#' || c == '%';
  }

  private static String unsupported(String name, String operator) {
    if (name.isEmpty()) {
      return "syntax error: bad substitution";
    }
    return "unsupported modifier (" + operator + ") in substitution";
  }

  /**
   * {@code #p}, {@code ##p}, {@code %p}, {@code %%p}: a doubled operator means the longest match.
   */
  private String trim(int start, String value, String arg, int operator) throws ExpansionException {
    boolean longest = !arg.isEmpty() && arg.codePointAt(0) == operator;
    String pattern = longest ? arg.substring(1) : arg;
    try {
      return operator == '%'
          ? ShellPattern.removeSuffix(value, pattern, longest)
          : ShellPattern.removePrefix(value, pattern, longest);
    } catch (ShellPattern.InvalidPatternException e) {
      throw error(start, "invalid pattern (" + pattern + ") in substitution: " + e.getMessage());
    }
  }

  /** {@code ${NAME/p/r}} and {@code ${NAME//p/r}}; the cursor is after the first slash. */
  private String replacement(int start, String name) throws ExpansionException {
    boolean all = peek() == '/';
    if (all) {
      next();
    }
    String pattern = readUntil('/', true, new WordSplitter(), start);
    String replacement = readUntil('}', true, new WordSplitter(), start);
    String value = lookup(name);
    if (value == null && options.skipUnsetEnv()) {
      return "${" + name + (all ? "//" : "/") + pattern + "/" + replacement + "}";
    }
    try {
      return ShellPattern.replace(
          value == null ? "" : value, pattern, replacement, all, ShellLimits.MAX_WORD_CHARS);
    } catch (ShellPattern.TooLongException e) {
      throw tooLong(start);
    } catch (ShellPattern.InvalidPatternException e) {
      throw error(start, "invalid pattern (" + pattern + ") in substitution: " + e.getMessage());
    }
  }

  /**
   * A name: letters, digits and underscores; or, at its start, a run of digits (a positional
   * parameter) or one special parameter character ({@code @ * # ? - $ ! 0}).
   */
  private String name() {
    StringBuilder name = new StringBuilder();
    while (peek() != EOF) {
      int c = peek();
      if (name.length() == 0 && Character.isDigit(c)) {
        while (peek() != EOF && Character.isDigit(peek())) {
          name.appendCodePoint(next());
        }
        return name.toString();
      }
      if (name.length() == 0 && isSpecialParameter(c)) {
        return Character.toString(next());
      }
      if (!Character.isLetter(c) && !Character.isDigit(c) && c != '_') {
        break;
      }
      name.appendCodePoint(next());
    }
    return name.toString();
  }

  private static boolean isSpecialParameter(int c) {
    return switch (c) {
      case '@', '*', '#', '?', '-', '$', '!', '0' -> true;
      default -> false;
    };
  }

  /** The value of a name, or null when it is unset; records the name as matched or not. */
  private String lookup(String name) {
    String value = env.get(name);
    if (value == null) {
      unmatched.add(name);
    } else {
      matched.add(name);
    }
    return value;
  }
}
