package dev.berth.check;

/**
 * What a rule across files does: looks at the project (its Dockerfiles, compose file and
 * devcontainer.json together) and reports what it finds.
 */
@FunctionalInterface
public non-sealed interface ProjectRuleLogic extends Rule.Logic {

  void check(ProjectSubject project, Findings findings);
}
