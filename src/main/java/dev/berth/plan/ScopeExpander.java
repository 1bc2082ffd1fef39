package dev.berth.plan;

import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import dev.berth.dockerfile.WordExpander;
import dev.berth.dockerfile.shell.ExpansionBudget;
import dev.berth.dockerfile.shell.ExpansionException;
import dev.berth.dockerfile.shell.ShellLex;
import dev.berth.dockerfile.shell.ShellLimits;
import dev.berth.dockerfile.shell.ShellOptions;
import java.util.List;
import java.util.Map;

/** Expands the words of one instruction with the variables in scope before it. */
final class ScopeExpander implements WordExpander {

  private final ShellLex lex;
  private final ShellLex heredocLex;
  private final Map<String, String> env;
  private final SourceRange range;
  private final String keyword;

  /**
   * @param budget what the whole plan's expansions may still produce, shared by its instructions
   */
  ScopeExpander(
      char escape,
      Map<String, String> env,
      SourceRange range,
      String keyword,
      ExpansionBudget budget) {
    this.lex = new ShellLex(escape, ShellOptions.DEFAULT, budget);
    // Here-document bodies keep their quotes as text; only variables are replaced.
    this.heredocLex = new ShellLex(escape, new ShellOptions(false, false, true, false), budget);
    this.env = Map.copyOf(env);
    this.range = range;
    this.keyword = keyword;
  }

  @Override
  public String word(String word) throws BerthException {
    try {
      return lex.processWord(word, env);
    } catch (ExpansionException e) {
      throw failure(word, e);
    }
  }

  @Override
  public List<String> words(String word) throws BerthException {
    try {
      return lex.processWords(word, env);
    } catch (ExpansionException e) {
      throw failure(word, e);
    }
  }

  @Override
  public String heredoc(String content) throws BerthException {
    try {
      return heredocLex.processWord(content, env);
    } catch (ExpansionException e) {
      throw failure(content, e);
    }
  }

  private BerthException failure(String word, ExpansionException e) {
    return BerthException.error(
        "expansion",
        keyword + ": cannot expand '" + ShellLimits.brief(word) + "': " + e.getMessage(),
        range);
  }
}
