package dev.berth.check;

import dev.berth.dockerfile.Add;
import dev.berth.dockerfile.Run;
import dev.berth.dockerfile.syntax.Node;
import dev.berth.plan.PlannedStage;
import dev.berth.plan.PlannedStep;
import dev.berth.plan.StageBase;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * berth's rules for habits hadolint also warns about: unpinned bases, ADD where COPY does, sudo and
 * cd in RUN.
 */
final class HabitChecks {

  private static final List<String> ARCHIVES =
      List.of(
          ".tar",
          ".tar.gz",
          ".tgz",
          ".tar.bz2",
          ".tbz2",
          ".tbz",
          ".tar.xz",
          ".txz",
          ".tar.zst",
          ".tzst",
          ".gz",
          ".bz2",
          ".xz",
          ".zst");

  private HabitChecks() {}

  static void unpinnedBaseImage(CheckSubject s, Findings out) {
    Optional<PlanModel> model = PlanModel.of(s);
    if (model.isEmpty()) {
      return;
    }
    for (PlannedStage stage : model.get().stages()) {
      if (!(stage.base() instanceof StageBase.Image img)) {
        continue;
      }
      String ref = img.reference();
      Optional<String> tag = ImageNames.tag(ref);
      boolean latest = tag.filter(t -> t.equals("latest")).isPresent();
      if (ImageNames.hasDigest(ref) || (tag.isPresent() && !latest)) {
        continue;
      }
      Optional<Node> from =
          s.tree().nodes().stream()
              .filter(n -> n.range().startLine() == stage.range().startLine())
              .findFirst();
      out.add(
          BerthRules.UNPINNED_BASE_IMAGE,
          from.map(n -> s.locate().word(n, n.args().get(0))).orElse(stage.range()),
          "stage "
              + stage.displayName()
              + " starts from "
              + ref
              + (latest ? ", the moving 'latest' tag" : " with no tag, which means 'latest'")
              + ": the image changes under the build, which then breaks or changes without a"
              + " change to the Dockerfile",
          "name a version tag (" + ImageNames.repository(ref) + ":<version>) or pin a digest");
    }
  }

  static void addInsteadOfCopy(CheckSubject s, Findings out) {
    Optional<PlanModel> model = PlanModel.of(s);
    if (model.isEmpty()) {
      return;
    }
    for (PlannedStage stage : model.get().stages()) {
      for (PlannedStep step : stage.steps()) {
        if (!(step.instruction() instanceof Add a) || a.checksum().isPresent() || a.keepGitDir()) {
          continue;
        }
        boolean plain =
            a.sources().stream()
                .allMatch(
                    src ->
                        !src.contains("://")
                            && !src.startsWith("git@")
                            && ARCHIVES.stream()
                                .noneMatch(x -> src.toLowerCase(Locale.ROOT).endsWith(x)));
        if (plain) {
          out.add(
              BerthRules.ADD_INSTEAD_OF_COPY,
              InstallChecks.range(s, step),
              "ADD copies local files here, which COPY does too; ADD also unpacks archives and"
                  + " fetches URLs, so a reader has to check which one it does",
              "write COPY");
        }
      }
    }
  }

  static void sudoInRun(CheckSubject s, Findings out) {
    eachCommand(
        s,
        "sudo",
        (step, c) ->
            out.add(
                BerthRules.SUDO_IN_RUN,
                InstallChecks.range(s, step),
                "RUN uses sudo: build steps run as the stage's USER, and sudo there needs a"
                    + " sudoers entry and a terminal, or hides that the step wants root",
                "switch with USER root for the steps that need it, then back to the user"));
  }

  static void cdInRun(CheckSubject s, Findings out) {
    eachCommand(
        s,
        "cd",
        (step, c) ->
            out.add(
                BerthRules.CD_IN_RUN,
                InstallChecks.range(s, step),
                "'"
                    + String.join(" ", c)
                    + "' changes directory for this RUN only; later steps start in the WORKDIR"
                    + " again, which is easy to forget",
                "set WORKDIR " + (c.size() > 1 ? c.get(1) : "<dir>") + " before the RUN"));
  }

  private interface Report {
    void on(PlannedStep step, List<String> command);
  }

  private static void eachCommand(CheckSubject s, String program, Report report) {
    Optional<PlanModel> model = PlanModel.of(s);
    if (model.isEmpty()) {
      return;
    }
    for (PlannedStage stage : model.get().stages()) {
      for (PlannedStep step : stage.steps()) {
        if (step.instruction() instanceof Run r) {
          List<List<String>> found = s.script(r).running(program);
          if (!found.isEmpty()) {
            report.on(step, found.get(0));
          }
        }
      }
    }
  }
}
