package dev.berth.app;

import dev.berth.diag.BerthException;
import dev.berth.diag.Diagnostic;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.DockerfileReader;
import dev.berth.dockerfile.InstructionText;
import dev.berth.plan.BaseImageConfigs;
import dev.berth.plan.BuildPlan;
import dev.berth.plan.PlanOptions;
import dev.berth.plan.PlannedStage;
import dev.berth.plan.PlannedStep;
import dev.berth.plan.Planner;
import dev.berth.plan.ResolvedArg;
import dev.berth.plan.StageBase;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Plans a build: reads the Dockerfile, types it, and resolves stages, args and env. */
public final class PlanService {

  private final BaseImageConfigs bases;

  /** A planner that knows no base image configs (no store yet). */
  public PlanService() {
    this(BaseImageConfigs.none());
  }

  public PlanService(BaseImageConfigs bases) {
    this.bases = bases;
  }

  /** Plans the Dockerfile at {@code file}. */
  public PlanView plan(Path file, PlanRequest request) throws BerthException {
    return plan(file.toString(), DockerfileFiles.read(file), request);
  }

  /** Plans Dockerfile text; {@code fileName} is used in messages. */
  public PlanView plan(String fileName, String text, PlanRequest request) throws BerthException {
    return view(buildPlan(fileName, text, request));
  }

  /** The plan itself, for the use cases that build it. */
  BuildPlan buildPlan(String fileName, String text, PlanRequest request) throws BerthException {
    Dockerfile df = DockerfileReader.parse(fileName, text);
    PlanOptions options =
        PlanOptions.defaults().withTarget(request.target()).withBuildArgs(request.buildArgs());
    return Planner.plan(df, options, bases);
  }

  private static PlanView view(BuildPlan plan) {
    List<PlanView.StageView> stages = plan.stages().stream().map(s -> stage(s, plan)).toList();
    List<PlanView.WarningView> warnings =
        plan.warnings().stream().map(PlanService::warning).toList();
    return new PlanView(
        plan.file(),
        plan.allStages().get(plan.target()),
        args(plan.globalArgs()),
        stages,
        warnings);
  }

  private static PlanView.StageView stage(PlannedStage s, BuildPlan plan) {
    String kind;
    String base;
    if (s.base() instanceof StageBase.Image i) {
      kind = "image";
      base = i.reference();
    } else if (s.base() instanceof StageBase.Stage st) {
      kind = "stage";
      base = st.name();
    } else if (s.base() instanceof StageBase.Scratch) {
      kind = "scratch";
      base = "scratch";
    } else {
      throw new AssertionError(s.base());
    }
    List<String> deps = s.dependsOn().stream().map(i -> plan.allStages().get(i)).toList();
    return new PlanView.StageView(
        s.index(),
        s.name(),
        kind,
        base,
        s.platform(),
        s.baseConfigKnown(),
        deps,
        args(s.args()),
        s.env(),
        s.workdir(),
        s.user(),
        s.steps().stream().map(PlanService::step).toList());
  }

  private static PlanView.StepView step(PlannedStep step) {
    return new PlanView.StepView(
        step.instruction().range().startLine(),
        step.instruction().keyword(),
        InstructionText.of(step.instruction()),
        step.trigger());
  }

  private static List<PlanView.ArgView> args(List<ResolvedArg> args) {
    return args.stream()
        .map(
            a ->
                new PlanView.ArgView(
                    a.name(), a.value(), a.source().name().toLowerCase(Locale.ROOT)))
        .toList();
  }

  private static PlanView.WarningView warning(Diagnostic d) {
    return new PlanView.WarningView(d.range().file(), d.range().startLine(), d.code(), d.message());
  }
}
