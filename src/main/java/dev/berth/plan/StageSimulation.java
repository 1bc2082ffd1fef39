package dev.berth.plan;

import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import dev.berth.dockerfile.Arg;
import dev.berth.dockerfile.Copy;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.DockerfileReader;
import dev.berth.dockerfile.Env;
import dev.berth.dockerfile.Expandable;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.KeyValue;
import dev.berth.dockerfile.OnBuild;
import dev.berth.dockerfile.Run;
import dev.berth.dockerfile.RunMount;
import dev.berth.dockerfile.Shell;
import dev.berth.dockerfile.Stage;
import dev.berth.dockerfile.User;
import dev.berth.dockerfile.Workdir;
import dev.berth.dockerfile.shell.ExpansionBudget;
import dev.berth.plan.ResolvedArg.Source;
import dev.berth.plan.op.CopySource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Walks one stage's instructions, keeping the variables in scope as BuildKit does: ENV and ARG both
 * set what later steps see (the one set last wins), ENV alone reaches the image config.
 */
final class StageSimulation {

  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

  private final Dockerfile dockerfile;
  private final PlanOptions options;
  private final BaseImageConfigs bases;
  private final Map<String, String> meta;
  private final Stage stage;
  private final StageBase base;
  private final StageState parent;
  private final List<Stage> allStages;

  private final Map<String, String> runEnv = new LinkedHashMap<>();
  private final Map<String, String> configEnv = new LinkedHashMap<>();
  private String workdir = "";
  private String user = "";
  private List<String> shell = DEFAULT_SHELL;
  private final List<String> onBuild = new ArrayList<>();
  private final List<ResolvedArg> args = new ArrayList<>();
  private final Set<String> declared = new LinkedHashSet<>();
  private final Set<Integer> dependsOn = new TreeSet<>();
  private final List<PlannedStep> steps = new ArrayList<>();
  private boolean baseConfigKnown = true;
  private final ExpansionBudget budget;

  StageSimulation(
      Dockerfile dockerfile,
      PlanOptions options,
      BaseImageConfigs bases,
      Map<String, String> meta,
      Stage stage,
      StageBase base,
      StageState parent,
      List<Stage> allStages,
      ExpansionBudget budget) {
    this.budget = budget;
    this.dockerfile = dockerfile;
    this.options = options;
    this.bases = bases;
    this.meta = meta;
    this.stage = stage;
    this.base = base;
    this.parent = parent;
    this.allStages = allStages;
  }

  StageState run() throws BerthException {
    List<String> triggers = startFromBase();
    for (String t : triggers) {
      Instruction trigger = DockerfileReader.trigger(t, stage.from().range());
      step(trigger, true);
    }
    for (Instruction ins : stage.instructions()) {
      step(ins, false);
    }
    Optional<String> platform = Optional.empty();
    if (stage.from().platform().isPresent()) {
      platform =
          Optional.of(
              new ScopeExpander(
                      dockerfile.escapeToken(), meta, stage.from().range(), "FROM", budget)
                  .word(stage.from().platform().get()));
    }
    PlannedStage planned =
        new PlannedStage(
            stage.index(),
            stage.name(),
            base,
            platform,
            baseConfigKnown,
            args,
            configEnv,
            workdir,
            user,
            steps,
            List.copyOf(dependsOn),
            stage.from().range());
    return new StageState(
        planned,
        Collections.unmodifiableMap(new LinkedHashMap<>(runEnv)),
        new LinkedHashMap<>(configEnv),
        workdir,
        user,
        shell,
        List.copyOf(onBuild),
        baseConfigKnown,
        Set.copyOf(declared),
        Set.copyOf(dependsOn));
  }

  /** Sets the starting state from the base, and returns the base's ONBUILD triggers. */
  private List<String> startFromBase() {
    List<String> triggers = List.of();
    if (parent != null) {
      dependsOn.add(((StageBase.Stage) base).index());
      runEnv.putAll(parent.runEnv());
      configEnv.putAll(parent.configEnv());
      workdir = parent.workdir();
      user = parent.user();
      shell = parent.shell();
      triggers = parent.onBuild();
      baseConfigKnown = parent.baseConfigKnown();
    } else if (base instanceof StageBase.Image image) {
      Optional<BaseImageConfig> config = bases.lookup(image.reference());
      baseConfigKnown = config.isPresent();
      BaseImageConfig c = config.orElse(BaseImageConfig.empty());
      for (String e : c.env()) {
        int eq = e.indexOf('=');
        configEnv.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
      }
      workdir = c.workdir();
      user = c.user();
      if (!c.shell().isEmpty()) {
        shell = c.shell();
      }
      triggers = c.onBuild();
    }
    // BuildKit makes sure every stage has a PATH, in its config too.
    configEnv.putIfAbsent("PATH", DEFAULT_PATH);
    runEnv.putAll(configEnv);
    return triggers;
  }

  private void step(Instruction ins, boolean trigger) throws BerthException {
    Map<String, String> scope = Map.copyOf(runEnv);
    ScopeExpander expander =
        new ScopeExpander(dockerfile.escapeToken(), scope, ins.range(), ins.keyword(), budget);
    Instruction expanded = ins;
    if (ins instanceof Expandable<?> e) {
      expanded = e.expand(expander);
    }
    Map<String, String> env = runEnvForRun();
    String before = workdir;
    String userBefore = user;
    List<String> shellBefore = shell;
    Optional<CopySource> copySource = apply(expanded);
    List<Optional<Integer>> mountStages = new ArrayList<>();
    if (expanded instanceof Run r) {
      for (RunMount m : r.mounts()) {
        mountStages.add(
            m.from().isPresent()
                ? stageReference(m.from().get(), "RUN --mount from", r.range())
                : Optional.empty());
      }
    }
    String stepDir = expanded instanceof Workdir ? workdir : before;
    Lowering.Lowered lowered =
        Lowering.lower(
            expanded,
            new Lowering.Scope(env, stepDir, userBefore, shellBefore, copySource, mountStages));
    steps.add(
        new PlannedStep(
            expanded,
            env,
            before,
            userBefore,
            shellBefore,
            trigger,
            lowered.op(),
            lowered.history()));
  }

  /** What RUN sees: the scope, plus proxy build args, which need no ARG. */
  private Map<String, String> runEnvForRun() {
    Map<String, String> env = new LinkedHashMap<>(runEnv);
    options
        .buildArgs()
        .forEach(
            (k, v) -> {
              if (PredefinedArgs.PROXY.contains(k)) {
                env.putIfAbsent(k, v);
              }
            });
    return env;
  }

  /** Applies the step to the scope; for COPY, says where its sources come from. */
  private Optional<CopySource> apply(Instruction ins) throws BerthException {
    if (ins instanceof Arg a) {
      for (Arg.Declaration d : a.declarations()) {
        declared.add(d.name());
        ResolvedArg r = resolve(d, ins.range());
        args.add(r);
        r.value().ifPresent(v -> runEnv.put(d.name(), v));
      }
    } else if (ins instanceof Env e) {
      for (KeyValue kv : e.pairs()) {
        runEnv.put(kv.key(), kv.value());
        configEnv.put(kv.key(), kv.value());
      }
    } else if (ins instanceof Workdir w) {
      workdir = UnixPaths.resolve(workdir, w.path());
    } else if (ins instanceof User u) {
      user = u.user();
    } else if (ins instanceof Shell s) {
      shell = s.shell();
    } else if (ins instanceof OnBuild o) {
      onBuild.add(o.expression());
    } else if (ins instanceof Copy c && c.from().isPresent()) {
      NamedContexts named = options.namedContexts();
      String from = c.from().get();
      if (named.image(from).isPresent()) {
        return Optional.of(new CopySource.Image(named.image(from).get()));
      }
      if (named.isDirectory(from)) {
        return Optional.of(new CopySource.Named(from.toLowerCase(Locale.ROOT)));
      }
      Optional<Integer> stage = stageReference(from, "COPY --from", ins.range());
      stage.ifPresent(dependsOn::add);
      return Optional.of(
          stage.isPresent()
              ? new CopySource.Stage(stage.get())
              : new CopySource.Image(c.from().get()));
    } else if (ins instanceof Run r) {
      for (RunMount m : r.mounts()) {
        if (m.from().isPresent()) {
          stageReference(m.from().get(), "RUN --mount from", ins.range()).ifPresent(dependsOn::add);
        }
      }
    }
    return Optional.empty();
  }

  private ResolvedArg resolve(Arg.Declaration d, SourceRange range) throws BerthException {
    String buildArg = options.buildArgs().get(d.name());
    if (buildArg != null) {
      return new ResolvedArg(d.name(), Optional.of(buildArg), Source.BUILD_ARG);
    }
    if (d.defaultValue().isEmpty()) {
      String global = meta.get(d.name());
      if (global != null) {
        boolean predefined = PredefinedArgs.isPredefined(d.name());
        return new ResolvedArg(
            d.name(), Optional.of(global), predefined ? Source.PREDEFINED : Source.GLOBAL);
      }
      return new ResolvedArg(d.name(), Optional.empty(), Source.UNSET);
    }
    String value =
        new ScopeExpander(dockerfile.escapeToken(), runEnv, range, "ARG", budget)
            .word(d.defaultValue().get());
    return new ResolvedArg(d.name(), Optional.of(value), Source.DEFAULT);
  }

  /** The stage index a {@code --from} value names, or empty when it names an image. */
  private Optional<Integer> stageReference(String from, String what, SourceRange range)
      throws BerthException {
    if (from.isEmpty()) {
      throw BerthException.error("bad-from", what + " is empty", range);
    }
    if (options.namedContexts().has(from)) {
      // A named context, which the solver reads: no stage of this Dockerfile.
      return Optional.empty();
    }
    if (from.chars().allMatch(Character::isDigit)) {
      int index;
      try {
        index = Integer.parseInt(from);
      } catch (NumberFormatException e) {
        index = Integer.MAX_VALUE;
      }
      if (index >= allStages.size()) {
        throw BerthException.error(
            "bad-from",
            what
                + "="
                + from
                + ": there is no stage "
                + from
                + " (stages are numbered from 0 to "
                + (allStages.size() - 1)
                + ")",
            range);
      }
      return checkNotSelf(index, what, from, range);
    }
    String lower = from.toLowerCase(Locale.ROOT);
    for (Stage s : allStages) {
      if (s.name().filter(lower::equals).isPresent()) {
        return checkNotSelf(s.index(), what, from, range);
      }
    }
    return Optional.empty();
  }

  private Optional<Integer> checkNotSelf(int index, String what, String from, SourceRange range)
      throws BerthException {
    if (index == stage.index()) {
      throw BerthException.error(
          "dependency-cycle", what + "=" + from + " refers to the stage it is in", range);
    }
    return Optional.of(index);
  }
}
