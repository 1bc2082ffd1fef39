package dev.berth.check;

import dev.berth.dockerfile.User;
import dev.berth.dockerfile.syntax.Node;
import dev.berth.plan.PlannedStage;
import dev.berth.plan.PlannedStep;
import dev.berth.plan.StageBase;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** berth's rules about USER: a production image that runs as root, and a numeric USER. */
final class UserChecks {

  private static final Pattern NUMERIC = Pattern.compile("[0-9]+(:[0-9]+)?");
  private static final Pattern UID_VARIABLE =
      Pattern.compile("\\$\\{?[A-Za-z_]*UID(:-[0-9]*)?\\}?(:\\$\\{?[A-Za-z_]*GID(:-[0-9]*)?\\}?)?");

  private UserChecks() {}

  static void productionRunsAsRoot(CheckSubject s, Findings out) {
    Optional<PlanModel> model = PlanModel.of(s);
    if (model.isEmpty()) {
      return;
    }
    PlanModel m = model.get();
    for (PlannedStage stage : m.stages()) {
      if (!m.isProduction(stage) || !isRoot(stage.user())) {
        continue;
      }
      Optional<PlannedStep> lastUser = Optional.empty();
      for (PlannedStep step : m.chainSteps(stage)) {
        if (step.instruction() instanceof User) {
          lastUser = Optional.of(step);
        }
      }
      StageBase root = m.root(stage);
      boolean unknownBase = !stage.baseConfigKnown() && !(root instanceof StageBase.Scratch);
      if (lastUser.isPresent()
          && unknownBase
          && ((User) lastUser.get().instruction()).user().isEmpty()
          && m.node(lastUser.get().instruction())
              .map(n -> String.join(" ", n.args()).contains("$"))
              .orElse(false)) {
        // USER ${NB_UID} with the value in the base image's ENV, which is not known here.
        continue;
      }
      if (lastUser.isEmpty()
          && root instanceof StageBase.Image img
          && img.reference()
              .toLowerCase(Locale.ROOT)
              .matches(".*(nonroot|rootless|windows|nanoserver|servercore).*")) {
        // Non-root by its name, or a Windows image, which has no root user.
        continue;
      }
      String why =
          lastUser.isPresent()
              ? "its last USER (line "
                  + lastUser.get().instruction().range().startLine()
                  + ") is "
                  + (stage.user().isEmpty() ? "root" : stage.user())
              : "no USER is set in it or in the stages it builds on";
      Optional<Node> at =
          lastUser.isPresent()
                  && m.chain(stage).get(m.chain(stage).size() - 1).steps().contains(lastUser.get())
              ? m.node(lastUser.get().instruction())
              : s.tree().nodes().stream()
                  .filter(n -> n.range().startLine() == stage.range().startLine())
                  .findFirst();
      out.add(
          BerthRules.PRODUCTION_RUNS_AS_ROOT,
          at.map(n -> s.locate().start(n)).orElse(stage.range()),
          "stage "
              + stage.displayName()
              + " is built as an image to run, and it runs as root: "
              + why,
          "create a user (useradd) and end the stage with USER <name>");
    }
  }

  private static boolean isRoot(String user) {
    String u = user.strip();
    int colon = u.indexOf(':');
    String name = colon < 0 ? u : u.substring(0, colon);
    return name.isEmpty() || name.equals("root") || name.equals("0");
  }

  static void numericUser(CheckSubject s, Findings out) {
    Optional<PlanModel> model = PlanModel.of(s);
    if (model.isEmpty()) {
      return;
    }
    for (PlannedStage stage : model.get().stages()) {
      for (PlannedStep step : stage.steps()) {
        if (!(step.instruction() instanceof User u)) {
          continue;
        }
        Optional<Node> node = model.get().node(u);
        String written = node.map(n -> String.join(" ", n.args()).strip()).orElse(u.user());
        boolean numeric = NUMERIC.matcher(u.user()).matches();
        if (!numeric && !UID_VARIABLE.matcher(written).matches()) {
          continue;
        }
        if (u.user().startsWith("0") && u.user().matches("0+(:0+)?")) {
          continue; // root, which ProductionRunsAsRoot is about
        }
        out.add(
            BerthRules.NUMERIC_USER,
            node.map(n -> s.locate().start(n)).orElse(u.range()),
            "USER "
                + written
                + (written.equals(u.user()) || u.user().isEmpty() ? "" : " (" + u.user() + ")")
                + " names a user by number: a dev container cannot map the image's user to yours"
                + " (updateRemoteUserUID and remoteUser look users up by name) and tools that need"
                + " a name or a home directory find none",
            "name the user the stage creates: USER <name> (for example USER ${UNAME})");
      }
    }
  }
}
