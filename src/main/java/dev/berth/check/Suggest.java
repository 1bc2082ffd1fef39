package dev.berth.check;

import java.util.Collection;
import java.util.Optional;
import java.util.TreeSet;

/**
 * "Did you mean" for a misspelt name, as BuildKit suggests one: the closest option within an edit
 * distance of 2, none when the name is itself an option.
 */
final class Suggest {

  private Suggest() {}

  static Optional<String> closest(String name, Collection<String> options) {
    String best = null;
    int bestDistance = 3;
    // Sorted, so that a tie always gives the same answer.
    for (String o : new TreeSet<>(options)) {
      if (o.equals(name)) {
        return Optional.empty();
      }
      int d = distance(name, o);
      if (d < bestDistance) {
        best = o;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  static int distance(String a, String b) {
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
