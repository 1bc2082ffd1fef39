package dev.berth.dockerfile.shell;

import java.util.Objects;
import java.util.Set;

/**
 * The result of expanding one word.
 *
 * @param value the expanded word, quotes removed (unless raw quotes were asked for)
 * @param matched names referenced by the word that were set (possibly to "")
 * @param unmatched names referenced by the word that were unset
 */
public record Expansion(String value, Set<String> matched, Set<String> unmatched) {

  public Expansion {
    Objects.requireNonNull(value, "value");
    matched = Set.copyOf(matched);
    unmatched = Set.copyOf(unmatched);
  }
}
