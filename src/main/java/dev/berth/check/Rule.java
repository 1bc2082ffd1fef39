package dev.berth.check;

import dev.berth.diag.Severity;
import java.util.Locale;
import java.util.Objects;

/**
 * One lint rule as a value: its name, where it comes from, how bad a finding is, a one-line
 * description (for berth's own rules it says why the mistake matters), the page that documents it,
 * and the logic that finds it.
 *
 * @param experimental true for rules that run only when {@code # check=experimental=...} asks
 * @param url the rule's page: BuildKit's for its checks, a section of {@code docs/check-rules.md}
 *     (relative to berth's source tree) for berth's own
 */
public record Rule(
    String name,
    Origin origin,
    Severity severity,
    boolean experimental,
    String description,
    String url,
    Rule.Logic logic) {

  /**
   * What a rule looks at: one Dockerfile ({@link RuleLogic}), or the project's files together
   * ({@link ProjectRuleLogic}: compose file, devcontainer.json, build contexts).
   */
  public sealed interface Logic permits RuleLogic, ProjectRuleLogic {}

  public Rule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(logic, "logic");
  }

  static Rule buildKit(String name, String description, String page, RuleLogic logic) {
    return new Rule(
        name,
        Origin.BUILDKIT,
        Severity.WARNING,
        false,
        description,
        "https://docs.docker.com/go/dockerfile/rule/" + page + "/",
        logic);
  }

  static Rule berth(String name, Severity severity, String description, RuleLogic logic) {
    return new Rule(name, Origin.BERTH, severity, false, description, page(name), logic);
  }

  /** One of berth's rules across files: its findings are in compose and devcontainer files. */
  static Rule acrossFiles(
      String name, Severity severity, String description, ProjectRuleLogic logic) {
    return new Rule(name, Origin.BERTH, severity, false, description, page(name), logic);
  }

  /** The rule's section of docs/check-rules.md: its name in kebab case. */
  private static String page(String name) {
    return "docs/check-rules.md#"
        + name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  Rule asExperimental() {
    return new Rule(name, origin, severity, true, description, url, logic);
  }

  /**
   * Whether {@link #url} is an absolute URI (BuildKit's pages are; berth's are repository paths).
   */
  public boolean hasAbsoluteUrl() {
    return url.startsWith("https://");
  }

  @Override
  public String toString() {
    return name;
  }
}
