package dev.berth.dockerfile.shell;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many characters the expansions of one Dockerfile may still produce, shared by every lexer
 * that works for it (see {@link ShellLimits#MAX_TOTAL_CHARS}). Thread-safe.
 */
public final class ExpansionBudget {

  private final long limit;
  private final AtomicLong spent = new AtomicLong();

  /** A budget of {@link ShellLimits#MAX_TOTAL_CHARS}. */
  public ExpansionBudget() {
    this(ShellLimits.MAX_TOTAL_CHARS);
  }

  public ExpansionBudget(long limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("negative expansion budget " + limit);
    }
    this.limit = limit;
  }

  /** Counts the result of expanding {@code word}; fails once the total passes the limit. */
  void spend(String word, long chars) throws ExpansionException {
    if (spent.addAndGet(chars) > limit) {
      throw new ExpansionException(
          word,
          0,
          "the expansions of this Dockerfile produce more than "
              + ShellLimits.mib(limit)
              + " in all (berth's limit)");
    }
  }
}
