package dev.berth.check;

import dev.berth.diag.BerthException;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Stage;
import dev.berth.plan.BuildPlan;
import dev.berth.plan.PlanOptions;
import dev.berth.plan.PlannedStage;
import dev.berth.plan.Planner;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every stage a build could run, planned: a plan for the last stage, one for each named stage and
 * one for {@code --target} and each of the other targets, merged by stage index (a stage plans the
 * same whatever the target). Stages that are neither named, last nor needed by one of those are
 * dead code and not planned.
 */
final class StagePlans {

  private final Map<Integer, PlannedStage> stages;
  private final Set<Integer> production;

  private StagePlans(Map<Integer, PlannedStage> stages, Set<Integer> production) {
    this.stages = stages;
    this.production = production;
  }

  static StagePlans of(Dockerfile df, CheckOptions options) throws BerthException {
    PlanOptions base =
        new PlanOptions(
            Optional.empty(),
            options.buildArgs(),
            options.buildPlatform(),
            options.targetPlatform());
    Map<Integer, PlannedStage> stages = new TreeMap<>();
    Set<Integer> production = new LinkedHashSet<>();
    BuildPlan last = Planner.plan(df, base, options.baseConfigs());
    production.add(last.target());
    last.stages().forEach(s -> stages.putIfAbsent(s.index(), s));
    Set<String> targets = new LinkedHashSet<>();
    options.target().ifPresent(targets::add);
    // A stage another file names that the Dockerfile lacks is UnknownBuildTarget's to report.
    options.otherTargets().stream().filter(t -> df.stage(t).isPresent()).forEach(targets::add);
    for (String t : targets) {
      BuildPlan target = Planner.plan(df, base.withTarget(Optional.of(t)), options.baseConfigs());
      production.add(target.target());
      target.stages().forEach(s -> stages.putIfAbsent(s.index(), s));
    }
    for (Stage s : df.stages()) {
      if (s.name().isPresent() && !stages.containsKey(s.index())) {
        Planner.plan(df, base.withTarget(s.name()), options.baseConfigs())
            .stages()
            .forEach(p -> stages.putIfAbsent(p.index(), p));
      }
    }
    return new StagePlans(stages, Set.copyOf(production));
  }

  /** The stages of one build, its target the only production stage. */
  static StagePlans of(BuildPlan plan) {
    Map<Integer, PlannedStage> stages = new TreeMap<>();
    plan.stages().forEach(s -> stages.put(s.index(), s));
    return new StagePlans(stages, Set.of(plan.target()));
  }

  Collection<PlannedStage> all() {
    return stages.values();
  }

  Optional<PlannedStage> stage(int index) {
    return Optional.ofNullable(stages.get(index));
  }

  /** The stages a build ships: the last one and {@code --target}. */
  Set<Integer> production() {
    return production;
  }
}
