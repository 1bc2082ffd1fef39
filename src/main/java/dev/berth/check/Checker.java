package dev.berth.check;

import dev.berth.diag.BerthException;
import dev.berth.diag.Diagnostic;
import dev.berth.diag.Severity;
import dev.berth.diag.SourceRange;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.DockerfileReader;
import dev.berth.dockerfile.syntax.Directive;
import dev.berth.dockerfile.syntax.DockerfileParser;
import dev.berth.dockerfile.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs rules over one Dockerfile: parses it, types and plans it as far as it goes, runs every rule
 * on what there is, then drops what the {@code # check=} directive, the comments above an
 * instruction and the project's settings switch off.
 */
public final class Checker {

  /** The build arg that replaces the file's {@code # check=} directive, as in BuildKit. */
  public static final String CHECK_BUILD_ARG = "BUILDKIT_DOCKERFILE_CHECK";

  private final List<Rule> rules;

  public Checker() {
    this(Rules.all());
  }

  public Checker(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** Checks Dockerfile text; {@code file} names it in findings. */
  public CheckReport check(String file, String text, CheckOptions options) {
    return checked(file, text, options).report();
  }

  /** A report, and what the rules looked at when the file parsed. */
  record Checked(CheckReport report, Optional<CheckSubject> subject) {}

  Checked checked(String file, String text, CheckOptions options) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(text, "text");
    List<Diagnostic> errors = new ArrayList<>();
    SyntaxTree tree;
    try {
      tree = DockerfileParser.parse(file, text);
    } catch (BerthException e) {
      return new Checked(
          new CheckReport(file, List.of(), e.diagnostics(), rules), Optional.empty());
    }
    LintConfig config = lintConfig(tree, options, errors);
    Optional<Dockerfile> typed = Optional.empty();
    Optional<StagePlans> plans = Optional.empty();
    try {
      typed = Optional.of(DockerfileReader.read(tree));
      plans = Optional.of(StagePlans.of(typed.get(), options));
    } catch (BerthException e) {
      errors.addAll(e.diagnostics());
    }
    CheckSubject subject = new CheckSubject(file, lines(text), tree, typed, plans, options);
    Findings findings = new Findings();
    for (Rule rule : rules) {
      if (rule.logic() instanceof RuleLogic logic) {
        logic.check(subject, findings);
      }
    }
    Suppressions suppressions = new Suppressions(tree);
    List<Finding> kept = new ArrayList<>();
    for (Finding f : findings.list()) {
      if (!config.runs(f.rule())
          || suppressions.suppresses(f)
          || options.projectSkips().contains(f.rule().name())) {
        continue;
      }
      kept.add(config.error() ? f.withSeverity(Severity.ERROR) : f);
    }
    kept.sort(
        Comparator.comparingInt((Finding f) -> f.range().startLine())
            .thenComparingInt(f -> f.range().startColumn())
            .thenComparing(f -> f.rule().name())
            .thenComparing(Finding::message));
    return new Checked(new CheckReport(file, kept, errors, rules), Optional.of(subject));
  }

  private static LintConfig lintConfig(
      SyntaxTree tree, CheckOptions options, List<Diagnostic> errors) {
    String fromArg = options.buildArgs().get(CHECK_BUILD_ARG);
    Optional<Directive> directive =
        tree.directives().stream().filter(d -> d.name().equals("check")).findFirst();
    String text = fromArg != null ? fromArg : directive.map(Directive::value).orElse("");
    try {
      return LintConfig.parse(text);
    } catch (LintConfig.InvalidException e) {
      SourceRange where =
          fromArg != null || directive.isEmpty()
              ? SourceRange.file(tree.file())
              : directive.get().range();
      errors.add(
          Diagnostic.error(
              "bad-check-directive",
              "failed to parse check options: "
                  + e.getMessage()
                  + " (expected skip=Rule,Rule;error=true|false;experimental=Rule,Rule)",
              where));
      return LintConfig.NONE;
    }
  }

  private static List<String> lines(String text) {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<String> out = new ArrayList<>();
    for (String l : t.split("\n", -1)) {
      out.add(l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
    }
    return out;
  }
}
