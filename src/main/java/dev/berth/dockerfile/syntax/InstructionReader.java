package dev.berth.dockerfile.syntax;

import dev.berth.diag.BerthException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one instruction's joined text into its keyword, flags and arguments, giving each
 * instruction the argument shape BuildKit's dispatch table gives it.
 */
final class InstructionReader {

  /** How an instruction's arguments are read. */
  private enum Shape {
    /** JSON array, else the whole text as one argument (RUN, CMD, ENTRYPOINT, SHELL). */
    MAYBE_JSON,
    /** JSON array, else whitespace-separated words (ADD, COPY, VOLUME). */
    MAYBE_JSON_LIST,
    /** Name, value, separator triples (ENV, LABEL). */
    NAME_VALUE,
    /** Words, each {@code name} or {@code name=value} (ARG). */
    WORDS,
    /** Whitespace-separated words (FROM, EXPOSE). */
    WHITESPACE_LIST,
    /** The whole text as one argument (MAINTAINER, USER, WORKDIR, STOPSIGNAL). */
    STRING,
    /** The type word, then a command like {@link #MAYBE_JSON} (HEALTHCHECK). */
    HEALTH,
    /** Another instruction (ONBUILD). */
    SUBCOMMAND
  }

  private static final Map<String, Shape> SHAPES =
      Map.ofEntries(
          Map.entry("add", Shape.MAYBE_JSON_LIST),
          Map.entry("arg", Shape.WORDS),
          Map.entry("cmd", Shape.MAYBE_JSON),
          Map.entry("copy", Shape.MAYBE_JSON_LIST),
          Map.entry("entrypoint", Shape.MAYBE_JSON),
          Map.entry("env", Shape.NAME_VALUE),
          Map.entry("expose", Shape.WHITESPACE_LIST),
          Map.entry("from", Shape.WHITESPACE_LIST),
          Map.entry("healthcheck", Shape.HEALTH),
          Map.entry("label", Shape.NAME_VALUE),
          Map.entry("maintainer", Shape.STRING),
          Map.entry("onbuild", Shape.SUBCOMMAND),
          Map.entry("run", Shape.MAYBE_JSON),
          Map.entry("shell", Shape.MAYBE_JSON),
          Map.entry("stopsignal", Shape.STRING),
          Map.entry("user", Shape.STRING),
          Map.entry("volume", Shape.MAYBE_JSON_LIST),
          Map.entry("workdir", Shape.STRING));

  /** Instructions whose empty form means something: reset the command, or no health check. */
  private static final Set<String> ARGUMENTS_OPTIONAL = Set.of("cmd", "entrypoint", "healthcheck");

  /** Instructions that cannot be ONBUILD triggers. */
  private static final Set<String> NOT_TRIGGERS = Set.of("onbuild", "from", "maintainer");

  /** An instruction read from text, before heredoc bodies are attached. */
  record Parsed(
      String keyword,
      int keywordStart,
      List<String> flags,
      List<String> args,
      boolean json,
      Parsed trigger,
      String original) {

    /** Whether BuildKit looks for heredocs in it: RUN, COPY, ADD (also as ONBUILD triggers). */
    boolean mayHaveHeredocs() {
      Parsed p = trigger != null ? trigger : this;
      return Set.of("run", "copy", "add").contains(p.keyword) && !p.json;
    }
  }

  private final LogicalLine line;
  private final String text;
  private final char escape;

  InstructionReader(LogicalLine line, char escape) {
    this.line = line;
    this.text = line.text();
    this.escape = escape;
  }

  /** Reads the instruction in {@code text[from, to)}. */
  Parsed read(int from, int to) throws BerthException {
    CommandSplitter.Split split = CommandSplitter.split(text, from, to);
    String keyword = split.lowerKeyword();
    Shape shape = SHAPES.get(keyword);
    if (keyword.isEmpty()) {
      throw BerthException.error(
          "missing-instruction",
          "expected an instruction after the line continuation",
          line.at(split.keywordStart()));
    }
    if (shape == null) {
      throw BerthException.error(
          "unknown-instruction",
          "unknown instruction: " + split.keyword() + suggestion(keyword),
          line.at(split.keywordStart()));
    }
    int s = split.argsStart();
    int e = split.argsEnd();
    if (!split.hasArgs() && !ARGUMENTS_OPTIONAL.contains(keyword)) {
      throw BerthException.error(
          "missing-argument", upper(keyword) + " requires at least one argument", line.at(e));
    }
    String original = text.substring(split.keywordStart(), Whitespace.trimEnd(text, from, to));
    List<String> args = new ArrayList<>();
    boolean json = false;
    Parsed trigger = null;
    switch (shape) {
      case MAYBE_JSON -> json = maybeJson(s, e, args);
      case MAYBE_JSON_LIST -> {
        json = json(s, e, args);
        if (!json) {
          whitespaceList(s, e, args);
        }
      }
      case NAME_VALUE -> nameValues(keyword, s, e, args);
      case WORDS -> Words.split(text, s, e, escape).forEach(w -> args.add(w.text()));
      case WHITESPACE_LIST -> whitespaceList(s, e, args);
      case STRING -> args.add(text.substring(s, e));
      case HEALTH -> json = health(s, e, args);
      case SUBCOMMAND -> {
        trigger = trigger(s, e);
        args.add(text.substring(s, e));
      }
    }
    if (args.isEmpty() && !json && !ARGUMENTS_OPTIONAL.contains(keyword)) {
      // Arguments that vanish when read, such as a lone escape character.
      throw BerthException.error(
          "missing-argument", upper(keyword) + " requires at least one argument", line.at(s));
    }
    return new Parsed(keyword, split.keywordStart(), split.flags(), args, json, trigger, original);
  }

  private Parsed trigger(int s, int e) throws BerthException {
    CommandSplitter.Split inner = CommandSplitter.split(text, s, e);
    String keyword = inner.lowerKeyword();
    if (NOT_TRIGGERS.contains(keyword)) {
      String message =
          keyword.equals("onbuild")
              ? "chaining ONBUILD via ONBUILD ONBUILD isn't allowed"
              : upper(keyword) + " isn't allowed as an ONBUILD trigger";
      throw BerthException.error("invalid-onbuild-trigger", message, line.at(inner.keywordStart()));
    }
    return read(s, e);
  }

  /** Exec form if the text is a JSON array of strings, else the whole text in shell form. */
  private boolean maybeJson(int s, int e, List<String> args) throws BerthException {
    if (s == e) {
      return false;
    }
    if (json(s, e, args)) {
      return true;
    }
    args.add(text.substring(s, e));
    return false;
  }

  private boolean json(int s, int e, List<String> args) throws BerthException {
    JsonArray.Result result = JsonArray.parse(text, s, e);
    if (result instanceof JsonArray.Strings strings) {
      args.addAll(strings.values());
      return true;
    }
    if (result instanceof JsonArray.NotStrings bad) {
      throw BerthException.error(
          "json-not-strings",
          "when using JSON array syntax, arrays must be comprised of strings only",
          line.at(bad.index()));
    }
    return false;
  }

  private void whitespaceList(int s, int e, List<String> args) {
    int i = s;
    while (i < e) {
      int start = i;
      while (i < e && !Whitespace.isTokenSpace(text.charAt(i))) {
        i++;
      }
      args.add(text.substring(start, i));
      while (i < e && Whitespace.isTokenSpace(text.charAt(i))) {
        i++;
      }
    }
  }

  /** {@code name value} (old form, separator "") or {@code name=value ...} (separator "="). */
  private void nameValues(String keyword, int s, int e, List<String> args) throws BerthException {
    List<Words.Word> words = Words.split(text, s, e, escape);
    if (words.isEmpty()) {
      return;
    }
    if (words.get(0).text().indexOf('=') < 0) {
      int sep = s;
      while (sep < e && !Whitespace.isTokenSpace(text.charAt(sep))) {
        sep++;
      }
      if (sep == e) {
        throw BerthException.error(
            "missing-argument",
            upper(keyword)
                + " must have two arguments: "
                + upper(keyword)
                + " name value, or "
                + upper(keyword)
                + " name=value",
            line.at(e));
      }
      int value = sep;
      while (value < e && Whitespace.isTokenSpace(text.charAt(value))) {
        value++;
      }
      args.addAll(List.of(text.substring(s, sep), text.substring(value, e), ""));
      return;
    }
    for (Words.Word word : words) {
      int eq = word.text().indexOf('=');
      if (eq < 0) {
        throw BerthException.error(
            "missing-equals",
            "can't find = in "
                + GoQuote.quote(word.text())
                + "; each argument must be of the form name=value",
            line.at(word.start()));
      }
      args.addAll(List.of(word.text().substring(0, eq), word.text().substring(eq + 1), "="));
    }
  }

  /** The type word ({@code CMD}, {@code NONE}), then the command, JSON or not. */
  private boolean health(int s, int e, List<String> args) throws BerthException {
    if (s == e) {
      return false;
    }
    int sep = s;
    while (sep < e && !Whitespace.isSpace(text.charAt(sep))) {
      sep++;
    }
    args.add(text.substring(s, sep));
    return maybeJson(Whitespace.skipSpace(text, sep, e), e, args);
  }

  private static String upper(String keyword) {
    return keyword.toUpperCase(Locale.ROOT);
  }

  /** A hint for a misspelt keyword, or "". */
  private static String suggestion(String keyword) {
    String best = null;
    int bestDistance = 3;
    for (String known : SHAPES.keySet()) {
      int d = distance(keyword, known);
      if (d < bestDistance || (d == bestDistance && best != null && known.compareTo(best) < 0)) {
        best = known;
        bestDistance = d;
      }
    }
    return best == null || keyword.length() < 3 ? "" : " (did you mean " + upper(best) + "?)";
  }

  private static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 2) {
      return Integer.MAX_VALUE;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
