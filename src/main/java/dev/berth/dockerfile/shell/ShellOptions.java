package dev.berth.dockerfile.shell;

/**
 * How a {@link ShellLex} treats quotes, escapes and unset variables.
 *
 * @param rawQuotes keep quote characters in the result (quoted text is still protected from word
 *     splitting and from expansion inside single quotes)
 * @param rawEscapes keep escape tokens in the result alongside the characters they escape
 * @param skipProcessQuotes treat quote characters as ordinary text, so only {@code $} expansions
 *     and escapes are processed (used for heredoc bodies, which are shell scripts of their own)
 * @param skipUnsetEnv leave references to unset variables as written ({@code $X}, {@code ${X:-d}})
 *     instead of expanding them, for a first pass that knows only some variables
 */
public record ShellOptions(
    boolean rawQuotes, boolean rawEscapes, boolean skipProcessQuotes, boolean skipUnsetEnv) {

  /** Dockerfile defaults: quotes and escapes are removed, unset variables expand to nothing. */
  public static final ShellOptions DEFAULT = new ShellOptions(false, false, false, false);

  public ShellOptions(boolean rawQuotes, boolean rawEscapes) {
    this(rawQuotes, rawEscapes, false, false);
  }
}
