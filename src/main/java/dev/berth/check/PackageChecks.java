package dev.berth.check;

import dev.berth.dockerfile.Run;
import dev.berth.dockerfile.RunMount;
import dev.berth.plan.PlannedStage;
import dev.berth.plan.PlannedStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * berth's rules about package managers in RUN: a download cache left in the layer, and apt
 * installing recommended packages.
 */
final class PackageChecks {

  private PackageChecks() {}

  static void packageCacheInLayer(CheckSubject s, Findings out) {
    Optional<PlanModel> model = PlanModel.of(s);
    if (model.isEmpty()) {
      return;
    }
    for (PlannedStage stage : model.get().stages()) {
      for (PlannedStep step : stage.steps()) {
        if (!(step.instruction() instanceof Run r)) {
          continue;
        }
        ShellScript script = s.script(r);
        List<List<String>> pip = script.invoking("pip", "install");
        if (!pip.isEmpty()
            && pip.stream().noneMatch(c -> c.contains("--no-cache-dir") || c.contains("--no-index"))
            && !pipCacheOff(step)
            && !cacheMounted(r, ".cache")) {
          out.add(
              BerthRules.PACKAGE_CACHE_IN_LAYER,
              InstallChecks.range(s, step),
              "'"
                  + String.join(" ", pip.get(0))
                  + "' keeps pip's download cache (~/.cache/pip) in the layer, where every"
                  + " image built on it carries it",
              "add --no-cache-dir, or use a cache mount: RUN --mount=type=cache,"
                  + "target=/root/.cache/pip");
        }
        List<List<String>> apt = aptInstalls(script);
        if (!apt.isEmpty()
            && !script.text().contains("/var/lib/apt/lists")
            && !cacheMounted(r, "/var/lib/apt")
            && !cacheMounted(r, "/var/cache/apt")) {
          out.add(
              BerthRules.PACKAGE_CACHE_IN_LAYER,
              InstallChecks.range(s, step),
              "'"
                  + String.join(" ", apt.get(0))
                  + "' leaves apt's package lists (/var/lib/apt/lists) in the layer",
              "end the same RUN with && rm -rf /var/lib/apt/lists/*");
        }
        List<List<String>> apk = script.invoking("apk", "add");
        if (!apk.isEmpty()
            && apk.stream().noneMatch(c -> c.contains("--no-cache"))
            && !script.text().contains("/var/cache/apk")
            && !cacheMounted(r, "/var/cache/apk")) {
          out.add(
              BerthRules.PACKAGE_CACHE_IN_LAYER,
              InstallChecks.range(s, step),
              "'" + String.join(" ", apk.get(0)) + "' leaves apk's index cache in the layer",
              "use apk add --no-cache");
        }
      }
    }
  }

  static void aptInstallRecommends(CheckSubject s, Findings out) {
    Optional<PlanModel> model = PlanModel.of(s);
    if (model.isEmpty()) {
      return;
    }
    for (PlannedStage stage : model.get().stages()) {
      for (PlannedStep step : stage.steps()) {
        if (!(step.instruction() instanceof Run r)) {
          continue;
        }
        for (List<String> c : aptInstalls(s.script(r))) {
          boolean off =
              c.contains("--no-install-recommends")
                  || c.stream()
                      .anyMatch(
                          w ->
                              w.toLowerCase(Locale.ROOT)
                                  .matches("apt::install-recommends=(false|0|no)"));
          if (!off) {
            out.add(
                BerthRules.APT_INSTALL_RECOMMENDS,
                InstallChecks.range(s, step),
                "'"
                    + String.join(" ", c)
                    + "' also installs every package the named ones recommend, which the image"
                    + " rarely needs and which grows it",
                "add --no-install-recommends");
            break;
          }
        }
      }
    }
  }

  private static List<List<String>> aptInstalls(ShellScript script) {
    List<List<String>> all = new ArrayList<>(script.invoking("apt-get", "install"));
    all.addAll(script.invoking("apt", "install"));
    return all;
  }

  private static boolean pipCacheOff(PlannedStep step) {
    String v = step.env().get("PIP_NO_CACHE_DIR");
    return v != null
        && !v.isEmpty()
        && !List.of("0", "false", "no").contains(v.toLowerCase(Locale.ROOT));
  }

  private static boolean cacheMounted(Run r, String targetPart) {
    for (RunMount m : r.mounts()) {
      if (m.type().equals("cache") && m.option("target").orElse("").contains(targetPart)) {
        return true;
      }
    }
    return false;
  }
}
