package dev.berth.dockerfile.shell;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Expands Dockerfile words as BuildKit does: {@code $VAR} and {@code ${VAR...}} forms, single and
 * double quotes, and the escape token, then optionally splits the result into words, within {@link
 * ShellLimits}. Thread-safe; what it produces counts against its {@link ExpansionBudget}.
 *
 * <p>In the environment map an absent key (or a null value) is an unset variable and "" is a
 * variable set to the empty string; {@code ${VAR-x}} and {@code ${VAR:-x}} tell them apart.
 */
public final class ShellLex {

  private final char escapeToken;
  private final ShellOptions options;
  private final ExpansionBudget budget;

  /** A lexer with default options for the given escape token ({@code \} or {@code `}). */
  public ShellLex(char escapeToken) {
    this(escapeToken, ShellOptions.DEFAULT);
  }

  public ShellLex(char escapeToken, ShellOptions options) {
    this(escapeToken, options, new ExpansionBudget());
  }

  /** A lexer whose results count against {@code budget}, shared with other lexers. */
  public ShellLex(char escapeToken, ShellOptions options, ExpansionBudget budget) {
    if (escapeToken != '\\' && escapeToken != '`') {
      throw new IllegalArgumentException(
          "escape token must be '\\' or '`', not '" + escapeToken + "'");
    }
    this.escapeToken = escapeToken;
    this.options = Objects.requireNonNull(options, "options");
    this.budget = Objects.requireNonNull(budget, "budget");
  }

  public char escapeToken() {
    return escapeToken;
  }

  public ShellOptions options() {
    return options;
  }

  /** Expands a word and reports which variables it referenced. */
  public Expansion expand(String word, Map<String, String> env) throws ExpansionException {
    Expander.Result r = run(word, env);
    return new Expansion(r.value(), r.matched(), r.unmatched());
  }

  /** Expands a word to one string; white space from variables and quotes is kept. */
  public String processWord(String word, Map<String, String> env) throws ExpansionException {
    return run(word, env).value();
  }

  /**
   * Expands a word and splits it at unquoted white space, including white space inside the values
   * of unquoted variables; quoted and escaped white space stays in its word, and empty words are
   * dropped.
   */
  public List<String> processWords(String word, Map<String, String> env) throws ExpansionException {
    return run(word, env).words();
  }

  private Expander.Result run(String word, Map<String, String> env) throws ExpansionException {
    Objects.requireNonNull(word, "word");
    Objects.requireNonNull(env, "env");
    Expander.Result r = new Expander(word, escapeToken, options, env).run();
    budget.spend(word, r.value().length());
    return r;
  }
}
