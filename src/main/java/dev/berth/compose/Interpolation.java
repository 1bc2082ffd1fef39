package dev.berth.compose;

import dev.berth.diag.BerthException;
import dev.berth.diag.Diagnostic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Interpolates every string value of a compose tree (keys are left alone, as docker compose leaves
 * them), then casts the strings found where the model wants a boolean or a number, as docker
 * compose's loader does, so that {@code privileged: "${PRIV}"} becomes a boolean.
 */
final class Interpolation {

  private static final List<String> BOOLEANS =
      List.of(
          "services.*.attach",
          "services.*.init",
          "services.*.privileged",
          "services.*.read_only",
          "services.*.stdin_open",
          "services.*.tty",
          "services.*.oom_kill_disable",
          "services.*.use_api_socket",
          "services.*.healthcheck.disable",
          "services.*.volumes.[].read_only",
          "services.*.volumes.[].volume.nocopy",
          "services.*.volumes.[].bind.create_host_path",
          "services.*.build.no_cache",
          "services.*.build.pull",
          "services.*.build.privileged",
          "services.*.depends_on.*.required",
          "services.*.depends_on.*.restart",
          "services.*.env_file.[].required",
          "networks.*.external",
          "networks.*.internal",
          "networks.*.attachable",
          "networks.*.enable_ipv4",
          "networks.*.enable_ipv6",
          "volumes.*.external",
          "secrets.*.external",
          "configs.*.external");

  private static final List<String> INTEGERS =
      List.of(
          "services.*.deploy.replicas",
          "services.*.scale",
          "services.*.healthcheck.retries",
          "services.*.ports.[].target",
          "services.*.ulimits.*",
          "services.*.ulimits.*.soft",
          "services.*.ulimits.*.hard",
          "services.*.deploy.restart_policy.max_attempts",
          "services.*.deploy.update_config.parallelism",
          "services.*.deploy.rollback_config.parallelism",
          "services.*.deploy.placement.max_replicas_per_node",
          "services.*.oom_score_adj",
          "services.*.pids_limit",
          "services.*.cpu_count",
          "services.*.cpu_shares",
          "services.*.cpu_period",
          "services.*.cpu_quota",
          "services.*.cpu_rt_period",
          "services.*.cpu_rt_runtime");

  private static final List<String> FLOATS =
      List.of(
          "services.*.cpus",
          "services.*.cpu_percent",
          "services.*.deploy.update_config.max_failure_ratio",
          "services.*.deploy.rollback_config.max_failure_ratio");

  private static final Pattern INT = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern FLOAT =
      Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

  private final Template template;
  private final Set<String> unset = new LinkedHashSet<>();
  private final Map<String, Diagnostic> warnings = new LinkedHashMap<>();

  private Interpolation(Function<String, Optional<String>> lookup) {
    this.template = new Template(lookup, unset);
  }

  /** The result of interpolating one tree: the tree and the warnings about unset variables. */
  record Result(YNode tree, List<Diagnostic> warnings) {}

  static Result apply(YNode tree, Function<String, Optional<String>> lookup) throws BerthException {
    Interpolation i = new Interpolation(lookup);
    YNode out = i.walk(tree, KeyPath.ROOT);
    return new Result(out, new ArrayList<>(i.warnings.values()));
  }

  /** Interpolates one string outside any tree (the project name, a dotenv value). */
  static String string(String text, Function<String, Optional<String>> lookup)
      throws Template.TemplateException {
    return new Template(lookup, new LinkedHashSet<>()).substitute(text);
  }

  private YNode walk(YNode node, KeyPath path) throws BerthException {
    if (node instanceof YMap m) {
      LinkedHashMap<String, YMap.Entry> entries = new LinkedHashMap<>();
      for (Map.Entry<String, YMap.Entry> e : m.entries().entrySet()) {
        YNode value = walk(e.getValue().value(), path.key(e.getKey()));
        entries.put(e.getKey(), new YMap.Entry(e.getValue().key(), value));
      }
      return new YMap(entries, m.range(), m.tag());
    }
    if (node instanceof YSeq s) {
      List<YNode> items = new ArrayList<>();
      for (int i = 0; i < s.items().size(); i++) {
        items.add(walk(s.items().get(i), path.index(i)));
      }
      return new YSeq(items, s.range(), s.tag());
    }
    YScalar scalar = (YScalar) node;
    if (!scalar.isString()) {
      return scalar;
    }
    String value;
    try {
      value = template.substitute(scalar.value());
    } catch (Template.TemplateException e) {
      String message =
          e.missingRequired()
              ? "error while interpolating " + path + ": " + e.getMessage()
              : "invalid interpolation format for "
                  + path
                  + ": "
                  + e.getMessage()
                  + "; you may need to escape any $ with another $";
      throw BerthException.error(
          e.missingRequired() ? "compose-required-variable" : "compose-interpolation",
          message,
          scalar.range());
    }
    for (String name : unset) {
      warnings.putIfAbsent(
          name,
          Diagnostic.warning(
              "compose-unset-variable",
              "The \"" + name + "\" variable is not set. Defaulting to a blank string.",
              scalar.range()));
    }
    unset.clear();
    return cast(scalar.withValue(value, YScalar.Kind.STRING), path);
  }

  private static YScalar cast(YScalar s, KeyPath path) throws BerthException {
    if (matchesAny(path, BOOLEANS)) {
      String b = toBoolean(s.value());
      if (b == null) {
        throw castError(path, "invalid boolean: " + s.value(), s);
      }
      return s.withValue(b, YScalar.Kind.BOOL);
    }
    if (matchesAny(path, INTEGERS)) {
      if (!INT.matcher(s.value()).matches()) {
        throw castError(path, "invalid integer: " + s.value(), s);
      }
      return s.withValue(s.value(), YScalar.Kind.INT);
    }
    if (matchesAny(path, FLOATS)) {
      if (!FLOAT.matcher(s.value()).matches()) {
        throw castError(path, "invalid number: " + s.value(), s);
      }
      return s.withValue(s.value(), YScalar.Kind.FLOAT);
    }
    return s;
  }

  private static BerthException castError(KeyPath path, String why, YScalar s) {
    return BerthException.error(
        "compose-type",
        "error while interpolating " + path + ": failed to cast to expected type: " + why,
        s.range());
  }

  /** YAML 1.1's boolean words, which docker compose accepts in strings. */
  static String toBoolean(String text) {
    switch (text.toLowerCase(Locale.ROOT)) {
      case "y", "yes", "true", "on":
        return "true";
      case "n", "no", "false", "off":
        return "false";
      default:
        return null;
    }
  }

  private static boolean matchesAny(KeyPath path, List<String> patterns) {
    for (String p : patterns) {
      if (path.matches(p)) {
        return true;
      }
    }
    return false;
  }
}
