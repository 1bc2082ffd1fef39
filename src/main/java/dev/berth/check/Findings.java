package dev.berth.check;

import dev.berth.diag.SourceRange;
import java.util.ArrayList;
import java.util.List;

/** Collects what rules find, in the order they find it. */
public final class Findings {

  private final List<Finding> found = new ArrayList<>();

  /** Reports a finding of {@code rule} at {@code range}, with the rule's own severity. */
  public void add(Rule rule, SourceRange range, String message, String fix) {
    found.add(new Finding(rule, rule.severity(), range, message, fix));
  }

  List<Finding> list() {
    return List.copyOf(found);
  }
}
