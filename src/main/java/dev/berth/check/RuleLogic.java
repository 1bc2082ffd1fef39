package dev.berth.check;

/** What a rule on one Dockerfile does: looks at a subject and reports what it finds. */
@FunctionalInterface
public non-sealed interface RuleLogic extends Rule.Logic {

  void check(CheckSubject subject, Findings findings);
}
