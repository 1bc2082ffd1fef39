package dev.berth.app;

import dev.berth.dockerfile.shell.ExpansionException;
import dev.berth.dockerfile.shell.ShellLex;
import java.util.Map;

/** Expands Dockerfile words the way instructions see them, for {@code berth debug expand}. */
public final class ExpandService {

  /** Whether {@code c} may be a Dockerfile escape token ({@code # escape=} allows only these). */
  public static boolean isEscapeToken(char c) {
    return c == '\\' || c == '`';
  }

  /**
   * Expands {@code word} with {@code env} (an absent key is unset, "" is set but empty), removing
   * quotes; with {@code split}, the result is split into words at unquoted white space.
   *
   * @throws IllegalArgumentException if {@code escapeToken} is not an escape token
   */
  public ExpandOutcome expand(
      String word, Map<String, String> env, boolean split, char escapeToken) {
    ShellLex lex = new ShellLex(escapeToken);
    try {
      return split
          ? new ExpandOutcome.Words(lex.processWords(word, env))
          : new ExpandOutcome.Value(lex.processWord(word, env));
    } catch (ExpansionException e) {
      return new ExpandOutcome.Failure(e.getMessage());
    }
  }
}
