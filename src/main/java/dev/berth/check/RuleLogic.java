package dev.berth.check;

/** What a rule does: looks at a subject and reports what it finds. */
@FunctionalInterface
public interface RuleLogic {

  void check(CheckSubject subject, Findings findings);
}
