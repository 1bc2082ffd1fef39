package dev.berth.check;

import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.syntax.Node;
import dev.berth.plan.PlannedStage;
import dev.berth.plan.PlannedStep;
import dev.berth.plan.StageBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The planned stages as berth's rules walk them: base chains, production stages, source nodes. */
final class PlanModel {

  private final StagePlans plans;
  private final Map<Integer, Node> nodesByLine = new HashMap<>();

  PlanModel(StagePlans plans, List<Node> nodes) {
    this.plans = plans;
    nodes.forEach(n -> nodesByLine.putIfAbsent(n.range().startLine(), n));
  }

  /** The model, or empty when the file could not be typed and planned. */
  static Optional<PlanModel> of(CheckSubject s) {
    return s.planModel();
  }

  List<PlannedStage> stages() {
    return new ArrayList<>(plans.all());
  }

  Optional<PlannedStage> stage(int index) {
    return plans.stage(index);
  }

  boolean isProduction(PlannedStage s) {
    return plans.production().contains(s.index());
  }

  /** The stage and the stages it builds on, the first base first. */
  List<PlannedStage> chain(PlannedStage s) {
    List<PlannedStage> chain = new ArrayList<>();
    Optional<PlannedStage> at = Optional.of(s);
    while (at.isPresent()) {
      chain.add(0, at.get());
      at = at.get().base() instanceof StageBase.Stage b ? plans.stage(b.index()) : Optional.empty();
    }
    return chain;
  }

  /** The steps that made the stage's file system: its bases' steps, then its own. */
  List<PlannedStep> chainSteps(PlannedStage s) {
    List<PlannedStep> steps = new ArrayList<>();
    chain(s).forEach(c -> steps.addAll(c.steps()));
    return steps;
  }

  /** What the first stage of the chain starts from. */
  StageBase root(PlannedStage s) {
    return chain(s).get(0).base();
  }

  /** Whether another planned stage builds on this one ({@code FROM this}). */
  boolean isBase(PlannedStage s) {
    return plans.all().stream()
        .anyMatch(o -> o.base() instanceof StageBase.Stage b && b.index() == s.index());
  }

  /** The syntax node an instruction came from. */
  Optional<Node> node(Instruction ins) {
    return Optional.ofNullable(nodesByLine.get(ins.range().startLine()));
  }

  /** The stage a step belongs to. */
  PlannedStage owner(PlannedStep step) {
    for (PlannedStage s : plans.all()) {
      if (s.steps().contains(step)) {
        return s;
      }
    }
    throw new IllegalArgumentException("step of no stage: " + step.range());
  }
}
