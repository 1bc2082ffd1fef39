package dev.berth.plan;

import dev.berth.diag.Diagnostic;
import java.util.List;
import java.util.Objects;

/**
 * What a build will do: the stages the target needs, in an order where every stage comes after
 * those it depends on, and the warnings found while planning.
 *
 * @param allStages the names (or indexes) of every stage in the file, in order
 */
public record BuildPlan(
    String file,
    int target,
    List<ResolvedArg> globalArgs,
    List<PlannedStage> stages,
    List<String> allStages,
    List<Diagnostic> warnings) {

  public BuildPlan {
    Objects.requireNonNull(file, "file");
    globalArgs = List.copyOf(globalArgs);
    stages = List.copyOf(stages);
    allStages = List.copyOf(allStages);
    warnings = List.copyOf(warnings);
  }

  /** The stage the build produces. */
  public PlannedStage targetStage() {
    return stages.stream()
        .filter(s -> s.index() == target)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("target not planned"));
  }
}
