package dev.berth.check;

import dev.berth.diag.BerthException;
import dev.berth.dockerfile.Arg;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Stage;
import dev.berth.plan.BuildPlan;
import dev.berth.plan.PlanOptions;
import dev.berth.plan.Planner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One Dockerfile of a project: the name findings give it, where it is, its report, what its rules
 * looked at, and its plan for each build another file asks for.
 */
final class DockerfileUnit {

  /** One build of the file planned: the plan itself and berth's walk over its stages. */
  record Planned(BuildPlan plan, PlanModel model) {}

  private final String name;
  private final Path path;
  private final CheckReport report;
  private final Optional<CheckSubject> subject;
  private final Map<String, Optional<Planned>> plans = new HashMap<>();

  DockerfileUnit(String name, Path path, CheckReport report, Optional<CheckSubject> subject) {
    this.name = name;
    this.path = path;
    this.report = report;
    this.subject = subject;
  }

  String name() {
    return name;
  }

  Path path() {
    return path;
  }

  CheckReport report() {
    return report;
  }

  Optional<CheckSubject> subject() {
    return subject;
  }

  /** The typed file, when it parsed and berth's reader took it. */
  Optional<Dockerfile> typed() {
    return subject.flatMap(CheckSubject::dockerfile);
  }

  /** The names of the stages, in file order. */
  List<String> stageNames() {
    List<String> out = new ArrayList<>();
    typed().ifPresent(df -> df.stages().forEach(s -> s.name().ifPresent(out::add)));
    return out;
  }

  /** Every ARG the file declares, global or in a stage, with the stage (empty for global ones). */
  Map<String, List<String>> declaredArgs() {
    Map<String, List<String>> out = new TreeMap<>();
    typed()
        .ifPresent(
            df -> {
              for (Arg a : df.globalArgs()) {
                a.declarations()
                    .forEach(d -> out.computeIfAbsent(d.name(), k -> new ArrayList<>()));
              }
              for (Stage s : df.stages()) {
                for (Instruction i : s.instructions()) {
                  if (i instanceof Arg a) {
                    for (Arg.Declaration d : a.declarations()) {
                      List<String> stages = out.computeIfAbsent(d.name(), k -> new ArrayList<>());
                      if (!stages.contains(s.displayName())) {
                        stages.add(s.displayName());
                      }
                    }
                  }
                }
              }
            });
    return out;
  }

  /**
   * The build planned as a build asks for it (its target, its args), with the check's base images;
   * empty when the file does not get that far or the target is not a stage.
   */
  Optional<Planned> plan(BuildUse use) {
    String key = use.target().orElse("") + "\u0000" + new TreeMap<>(use.argValues());
    return plans.computeIfAbsent(key, k -> planned(use));
  }

  private Optional<Planned> planned(BuildUse use) {
    if (subject.isEmpty() || typed().isEmpty()) {
      return Optional.empty();
    }
    CheckSubject s = subject.get();
    Dockerfile df = typed().get();
    if (use.target().isPresent() && df.stage(use.target().get()).isEmpty()) {
      return Optional.empty();
    }
    // The build args are the asker's own: the command line's are for the command line's build.
    PlanOptions options =
        new PlanOptions(
            use.target(),
            use.argValues(),
            s.options().buildPlatform(),
            s.options().targetPlatform());
    try {
      BuildPlan plan = Planner.plan(df, options, s.options().baseConfigs());
      return Optional.of(new Planned(plan, new PlanModel(StagePlans.of(plan), s.tree().nodes())));
    } catch (BerthException e) {
      return Optional.empty();
    }
  }
}
