package dev.berth.check;

import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Run;
import dev.berth.dockerfile.shell.ShellLex;
import dev.berth.dockerfile.syntax.Node;
import dev.berth.dockerfile.syntax.SyntaxTree;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the rules look at: the file's lines and syntax tree, its stages as the syntax gives them,
 * the typed instructions and the plans of every stage when the file gets that far, and the options
 * of the check. What only some rules need is worked out on first use.
 */
public final class CheckSubject {

  private final String file;
  private final List<String> lines;
  private final SyntaxTree tree;
  private final Optional<Dockerfile> dockerfile;
  private final Optional<StagePlans> plans;
  private final CheckOptions options;
  private final SyntaxStages stages;
  private final ShellLex lex;
  private final Locator locator;
  private MetaArgs meta;
  private MetaArgs defaultMeta;
  private StageScopes scopes;
  private Optional<PlanModel> planModel;
  private final Map<Run, ShellScript> scripts = new IdentityHashMap<>();

  CheckSubject(
      String file,
      List<String> lines,
      SyntaxTree tree,
      Optional<Dockerfile> dockerfile,
      Optional<StagePlans> plans,
      CheckOptions options) {
    this.file = file;
    this.lines = List.copyOf(lines);
    this.tree = tree;
    this.dockerfile = dockerfile;
    this.plans = plans;
    this.options = options;
    this.stages = SyntaxStages.of(tree);
    this.lex = new ShellLex(tree.escapeToken());
    this.locator = new Locator(file, this.lines);
  }

  public String file() {
    return file;
  }

  public SyntaxTree tree() {
    return tree;
  }

  /** The typed instructions, or empty when the typed reader refused the file. */
  public Optional<Dockerfile> dockerfile() {
    return dockerfile;
  }

  public CheckOptions options() {
    return options;
  }

  List<String> lines() {
    return lines;
  }

  Optional<StagePlans> plans() {
    return plans;
  }

  SyntaxStages stages() {
    return stages;
  }

  ShellLex lex() {
    return lex;
  }

  Locator locate() {
    return locator;
  }

  /** The name BuildKit gives the target: {@code --target}, else the last stage's name. */
  String targetStageName() {
    return options
        .target()
        .orElseGet(
            () ->
                stages.stages().isEmpty()
                    ? ""
                    : stages.stages().get(stages.stages().size() - 1).name().orElse(""));
  }

  /** What FROM lines see with this check's build args; null when a default cannot expand. */
  MetaArgs meta() {
    if (meta == null) {
      meta =
          MetaArgs.of(
              stages,
              lex,
              options.buildPlatform(),
              options.targetPlatform(),
              targetStageName(),
              options.buildArgs(),
              options.buildArgs());
    }
    return meta;
  }

  /** What FROM lines see when no build arg is given (BuildKit's InvalidDefaultArgInFrom view). */
  MetaArgs defaultMeta() {
    if (defaultMeta == null) {
      defaultMeta =
          MetaArgs.of(
              stages,
              lex,
              options.buildPlatform(),
              options.targetPlatform(),
              targetStageName(),
              options.buildArgs(),
              Map.of());
    }
    return defaultMeta;
  }

  /** Each stage's variables and state, or empty when the global ARGs cannot be expanded. */
  Optional<StageScopes> scopes() {
    if (scopes == null && meta() != null) {
      scopes = StageScopes.of(stages, meta(), lex, options);
    }
    return Optional.ofNullable(scopes);
  }

  /** The plans as berth's rules walk them, or empty when the file was not planned. */
  Optional<PlanModel> planModel() {
    if (planModel == null) {
      planModel = plans.map(p -> new PlanModel(p, tree.nodes()));
    }
    return planModel;
  }

  /** A RUN's commands, split once for all the rules that read them. */
  ShellScript script(Run run) {
    return scripts.computeIfAbsent(run, ShellScript::of);
  }

  /** The text of a node's first line, as written. */
  String line(Node n) {
    int l = n.range().startLine();
    return l <= lines.size() ? lines.get(l - 1) : "";
  }
}
