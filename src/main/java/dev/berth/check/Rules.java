package dev.berth.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every rule {@code berth check} knows: BuildKit's checks, then berth's own on one Dockerfile, then
 * berth's across files.
 */
public final class Rules {

  private Rules() {}

  public static List<Rule> all() {
    List<Rule> all = new ArrayList<>(BuildKitRules.all());
    all.addAll(BerthRules.all());
    all.addAll(CrossFileRules.all());
    return List.copyOf(all);
  }

  public static Optional<Rule> named(String name) {
    return all().stream().filter(r -> r.name().equals(name)).findFirst();
  }
}
