package dev.berth.dockerfile.shell;

/**
 * The bounds word expansion keeps, so a hostile Dockerfile gets an error instead of exhausting the
 * JVM: BuildKit has none of these (Go's stacks and heap grow until the machine gives out), so they
 * are set far above what real Dockerfiles need.
 *
 * <ul>
 *   <li>{@link #MAX_NESTING}: {@code ${a:-${b:-...}}} nested this deep (each level costs stack);
 *   <li>{@link #MAX_WORD_CHARS}: the result of expanding one word ({@code ARG A=$A$A} doubles it on
 *       each line);
 *   <li>{@link #MAX_TOTAL_CHARS}: what one {@link ExpansionBudget} (one Dockerfile's plan) may
 *       produce in all, since many words each under the word limit can still fill the heap.
 * </ul>
 */
public final class ShellLimits {

  public static final int MAX_NESTING = 64;

  public static final int MAX_WORD_CHARS = 4 * 1024 * 1024;

  public static final long MAX_TOTAL_CHARS = 64L * 1024 * 1024;

  /** The longest word a message shows whole. */
  public static final int SHOWN_CHARS = 160;

  private ShellLimits() {}

  /** A word as an error message shows it: cut in the middle when long, with its length. */
  public static String brief(String word) {
    if (word.length() <= SHOWN_CHARS) {
      return word;
    }
    return word.substring(0, 100)
        + "…"
        + word.substring(word.length() - 40)
        + " ("
        + word.length()
        + " characters)";
  }

  static String mib(long chars) {
    return chars % (1024 * 1024) == 0
        ? chars / (1024 * 1024) + " Mi characters"
        : chars + " characters";
  }
}
