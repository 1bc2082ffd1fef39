package dev.berth.plan;

import dev.berth.diag.BerthException;
import dev.berth.diag.Diagnostic;
import dev.berth.diag.SourceRange;
import dev.berth.dockerfile.Arg;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Stage;
import dev.berth.dockerfile.shell.ExpansionBudget;
import dev.berth.plan.ResolvedArg.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Resolves a Dockerfile into a {@link BuildPlan}: global ARGs, each stage's base, ARG and ENV
 * scoping as BuildKit does it, the stages the target needs and their order.
 */
public final class Planner {

  private final Dockerfile dockerfile;
  private final PlanOptions options;
  private final BaseImageConfigs bases;
  private final Map<String, String> meta = new LinkedHashMap<>();
  private final List<ResolvedArg> globals = new ArrayList<>();
  private final List<Diagnostic> warnings = new ArrayList<>();
  private final Map<Integer, StageState> planned = new HashMap<>();
  private final List<PlannedStage> order = new ArrayList<>();
  private final Set<Integer> inProgress = new LinkedHashSet<>();
  private final Set<String> declared = new HashSet<>();

  private Planner(Dockerfile dockerfile, PlanOptions options, BaseImageConfigs bases) {
    this.dockerfile = dockerfile;
    this.options = options;
    this.bases = bases;
  }

  /** What this plan's expansions may produce in all (see ShellLimits). */
  private final ExpansionBudget budget = new ExpansionBudget();

  /** Plans the build of {@code options.target()} (default: the last stage). */
  public static BuildPlan plan(Dockerfile dockerfile, PlanOptions options, BaseImageConfigs bases)
      throws BerthException {
    return new Planner(dockerfile, options, bases).run();
  }

  private BuildPlan run() throws BerthException {
    resolveGlobalArgs();
    List<StageBase> resolvedBases = new ArrayList<>();
    for (Stage s : dockerfile.stages()) {
      resolvedBases.add(resolveBase(s));
    }
    int target = targetIndex();
    new StagePlanning(resolvedBases).plan(target);
    warnUnusedBuildArgs();
    List<String> names = dockerfile.stages().stream().map(Stage::displayName).toList();
    return new BuildPlan(dockerfile.file(), target, globals, order, names, warnings);
  }

  /** ARGs before the first FROM: visible to FROM lines, and to stages that renew them. */
  private void resolveGlobalArgs() throws BerthException {
    Map<String, String> platform =
        PredefinedArgs.platformArgs(options.buildPlatform(), options.targetPlatform());
    meta.putAll(platform);
    for (Arg arg : dockerfile.globalArgs()) {
      for (Arg.Declaration d : arg.declarations()) {
        declared.add(d.name());
        ResolvedArg r = resolveArg(d, Optional.empty(), meta, arg.range());
        globals.add(r);
        if (r.value().isPresent()) {
          meta.put(d.name(), r.value().get());
        } else {
          meta.remove(d.name());
        }
      }
    }
  }

  /**
   * The value of one declared ARG: a build arg wins and is taken as is; without one, a declaration
   * with no default takes the inherited (global) value; else the default, expanded.
   */
  private ResolvedArg resolveArg(
      Arg.Declaration d, Optional<String> inherited, Map<String, String> scope, SourceRange range)
      throws BerthException {
    String buildArg = options.buildArgs().get(d.name());
    if (buildArg != null) {
      return new ResolvedArg(d.name(), Optional.of(buildArg), Source.BUILD_ARG);
    }
    if (d.defaultValue().isEmpty()) {
      if (inherited.isPresent()) {
        return new ResolvedArg(d.name(), inherited, Source.GLOBAL);
      }
      String predefined =
          PredefinedArgs.platformArgs(options.buildPlatform(), options.targetPlatform())
              .get(d.name());
      if (predefined != null) {
        return new ResolvedArg(d.name(), Optional.of(predefined), Source.PREDEFINED);
      }
      return new ResolvedArg(d.name(), Optional.empty(), Source.UNSET);
    }
    String value =
        new ScopeExpander(dockerfile.escapeToken(), scope, range, "ARG", budget)
            .word(d.defaultValue().get());
    return new ResolvedArg(d.name(), Optional.of(value), Source.DEFAULT);
  }

  private StageBase resolveBase(Stage s) throws BerthException {
    String image =
        new ScopeExpander(dockerfile.escapeToken(), meta, s.from().range(), "FROM", budget)
            .word(s.from().image());
    if (image.isBlank()) {
      throw BerthException.error(
          "empty-base",
          "FROM: the base image '"
              + s.from().image()
              + "' expands to nothing"
              + " (is a global ARG missing a value?)",
          s.from().range());
    }
    String lower = image.toLowerCase(Locale.ROOT);
    // A named context wins over a stage or image of the same name, as in BuildKit.
    NamedContexts named = options.namedContexts();
    if (named.image(lower).isPresent()) {
      return new StageBase.Image(named.image(lower).get());
    }
    if (named.isDirectory(lower)) {
      throw BerthException.error(
          "named-context-base",
          "FROM "
              + image
              + ": the named context '"
              + image
              + "' is a directory, which berth can read in COPY --from and RUN --mount=from but"
              + " not start a stage from (give an image: --build-context "
              + image
              + "=docker-image://REF)",
          s.from().range());
    }
    for (Stage earlier : dockerfile.stages().subList(0, s.index())) {
      if (earlier.name().filter(lower::equals).isPresent()) {
        return new StageBase.Stage(earlier.index(), earlier.displayName());
      }
    }
    if (lower.equals("scratch")) {
      return new StageBase.Scratch();
    }
    return new StageBase.Image(image);
  }

  private int targetIndex() throws BerthException {
    if (options.target().isEmpty()) {
      return dockerfile.stages().size() - 1;
    }
    String t = options.target().get();
    Optional<Stage> stage = dockerfile.stage(t);
    if (stage.isEmpty()) {
      List<String> names = dockerfile.stages().stream().flatMap(s -> s.name().stream()).toList();
      throw BerthException.error(
          "unknown-target",
          "target stage '"
              + t
              + "' could not be found; "
              + (names.isEmpty()
                  ? "this Dockerfile names no stages (use FROM image AS name)"
                  : "the stages are: " + String.join(", ", names)),
          SourceRange.file(dockerfile.file()));
    }
    return stage.get().index();
  }

  private void warnUnusedBuildArgs() {
    Set<String> unused = new TreeSet<>();
    for (String name : options.buildArgs().keySet()) {
      if (!declared.contains(name) && !PredefinedArgs.isPredefined(name)) {
        unused.add(name);
      }
    }
    for (String name : unused) {
      warnings.add(
          Diagnostic.warning(
              "unused-build-arg",
              "build arg "
                  + name
                  + " was given but no stage of this build declares it (ARG "
                  + name
                  + ")",
              SourceRange.file(dockerfile.file())));
    }
  }

  /** Plans stages on demand, each after the stages it needs. */
  private final class StagePlanning {
    private final List<StageBase> bases;

    StagePlanning(List<StageBase> bases) {
      this.bases = bases;
    }

    void plan(int index) throws BerthException {
      if (planned.containsKey(index)) {
        return;
      }
      Stage stage = dockerfile.stages().get(index);
      if (!inProgress.add(index)) {
        throw BerthException.error(
            "dependency-cycle",
            "stage '"
                + stage.displayName()
                + "' depends on itself through "
                + String.join(
                    " -> ",
                    inProgress.stream()
                        .map(i -> dockerfile.stages().get(i).displayName())
                        .toList()),
            stage.from().range());
      }
      StageBase base = bases.get(index);
      StageState parent = null;
      if (base instanceof StageBase.Stage sb) {
        plan(sb.index());
        parent = planned.get(sb.index());
      }
      StageSimulation sim =
          new StageSimulation(
              dockerfile,
              options,
              Planner.this.bases,
              meta,
              stage,
              base,
              parent,
              dockerfile.stages(),
              budget);
      StageState result = sim.run();
      declared.addAll(result.declaredArgs());
      for (int dep : result.dependsOn()) {
        if (dep != index) {
          plan(dep);
        }
      }
      inProgress.remove(index);
      planned.put(index, result);
      order.add(result.planned());
    }
  }
}
