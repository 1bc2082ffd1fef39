package dev.berth.check;

import dev.berth.plan.BuildPlan;
import dev.berth.plan.PlannedStage;
import dev.berth.plan.ResolvedArg;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * berth's rules about what a compose service or the dev container asks of the Dockerfile: a target
 * that is no stage, and build args that no stage of the build declares.
 */
final class BuildUseChecks {

  /** Build args every build takes without an ARG: the platforms, proxies, BuildKit's own. */
  private static final Set<String> PREDEFINED =
      Set.of(
          "HTTP_PROXY",
          "http_proxy",
          "HTTPS_PROXY",
          "https_proxy",
          "FTP_PROXY",
          "ftp_proxy",
          "NO_PROXY",
          "no_proxy",
          "ALL_PROXY",
          "all_proxy",
          "SOURCE_DATE_EPOCH",
          "BUILDPLATFORM",
          "BUILDOS",
          "BUILDARCH",
          "BUILDVARIANT",
          "TARGETPLATFORM",
          "TARGETOS",
          "TARGETARCH",
          "TARGETVARIANT");

  private BuildUseChecks() {}

  static void unknownBuildTarget(ProjectSubject p, Findings out) {
    for (BuildUse b : p.builds()) {
      if (b.target().isEmpty()) {
        continue;
      }
      Optional<DockerfileUnit> unit = p.dockerfile(b.dockerfile());
      if (unit.isEmpty() || unit.get().typed().isEmpty()) {
        continue;
      }
      String target = b.target().get();
      if (unit.get().typed().get().stage(target).isPresent()) {
        continue;
      }
      List<String> stages = unit.get().stageNames();
      Optional<String> near = Suggest.closest(target.toLowerCase(Locale.ROOT), stages);
      out.add(
          CrossFileRules.UNKNOWN_BUILD_TARGET,
          p.token(b.targetRange(), target),
          "target '"
              + target
              + "' of "
              + b.who()
              + " is not a stage of "
              + unit.get().name()
              + (stages.isEmpty()
                  ? ", which names no stages (FROM image AS name)"
                  : " (its stages: " + String.join(", ", stages) + ")")
              + near.map(n -> "; did you mean '" + n + "'?").orElse(""),
          near.map(n -> "write target: " + n)
              .orElse(
                  "name one of the Dockerfile's stages, or name the stage so: FROM ... AS "
                      + target));
    }
  }

  static void unusedBuildArg(ProjectSubject p, Findings out) {
    for (BuildUse b : p.builds()) {
      Optional<DockerfileUnit> unit = p.dockerfile(b.dockerfile());
      if (unit.isEmpty()) {
        continue;
      }
      Optional<DockerfileUnit.Planned> planned = unit.get().plan(b);
      if (planned.isEmpty()) {
        continue;
      }
      BuildPlan plan = planned.get().plan();
      Set<String> declared = new LinkedHashSet<>();
      plan.globalArgs().forEach(a -> declared.add(a.name()));
      for (PlannedStage s : plan.stages()) {
        s.args().stream().map(ResolvedArg::name).forEach(declared::add);
      }
      Map<String, List<String>> inFile = unit.get().declaredArgs();
      String built = plan.targetStage().displayName();
      for (BuildUse.Arg a : b.args()) {
        String name = a.name();
        if (declared.contains(name) || PREDEFINED.contains(name) || name.startsWith("BUILDKIT_")) {
          continue;
        }
        List<String> elsewhere = inFile.getOrDefault(name, List.of());
        String message;
        String fix;
        if (!elsewhere.isEmpty()) {
          message =
              "build arg "
                  + name
                  + " of "
                  + b.who()
                  + " is declared only in stage "
                  + String.join(", ", elsewhere)
                  + ", which the build of "
                  + built
                  + " does not run: the value goes nowhere";
          fix =
              "pass "
                  + name
                  + " only to builds that run stage "
                  + elsewhere.get(0)
                  + ", or declare ARG "
                  + name
                  + " in the stage of "
                  + built
                  + " that uses it";
        } else {
          Optional<String> near = nearMiss(name, inFile.keySet());
          message =
              "build arg "
                  + name
                  + " of "
                  + b.who()
                  + " is declared by no stage of "
                  + unit.get().name()
                  + near.map(n -> "; did you mean " + n + ", which it declares?")
                      .orElse(", so the build drops it");
          fix =
              near.map(n -> "write " + n)
                  .orElse("declare ARG " + name + " in the stage that uses it, or drop the arg");
        }
        out.add(CrossFileRules.UNUSED_BUILD_ARG, p.token(a.range(), name), message, fix);
      }
    }
  }

  /**
   * A declared name the arg probably means: the same but for case, else (for names long enough that
   * one or two edits do not make another word, so not UID and GID) one or two edits off.
   */
  private static Optional<String> nearMiss(String name, Set<String> declared) {
    for (String d : declared) {
      if (d.equalsIgnoreCase(name)) {
        return Optional.of(d);
      }
    }
    List<String> options = new ArrayList<>(declared);
    return name.length() < 5 ? Optional.empty() : Suggest.closest(name, options);
  }
}
