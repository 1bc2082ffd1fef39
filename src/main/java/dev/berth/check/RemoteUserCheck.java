package dev.berth.check;

import dev.berth.plan.PlannedStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * berth's UnknownRemoteUser: the dev container's {@code remoteUser} or {@code containerUser} is not
 * a user of the image its build makes.
 */
final class RemoteUserCheck {

  private RemoteUserCheck() {}

  static void unknownRemoteUser(ProjectSubject p, Findings out) {
    if (p.devcontainer().isEmpty() || p.devcontainerBuild().isEmpty()) {
      return;
    }
    DevContainerFile d = p.devcontainer().get();
    BuildUse b = p.devcontainerBuild().get();
    Optional<DockerfileUnit> unit = p.dockerfile(b.dockerfile());
    if (unit.isEmpty() || unit.get().subject().isEmpty()) {
      return;
    }
    Optional<DockerfileUnit.Planned> planned = unit.get().plan(b);
    if (planned.isEmpty()) {
      return;
    }
    CheckSubject s = unit.get().subject().get();
    PlanModel m = planned.get().model();
    PlannedStage target = planned.get().plan().targetStage();
    ImageUsers users = ImageUsers.of(s, m, target);
    if (!users.known()) {
      return;
    }
    for (String property : List.of("remoteUser", "containerUser")) {
      String pointer = "/" + property;
      if (!d.raw().path(property).isTextual()) {
        continue;
      }
      String written = d.raw().path(property).textValue();
      String user = d.substituted().path(property).asText(written);
      // A variable (the host's user) or a number is no name the image must have.
      if (written.contains("${") || user.matches("[0-9]+(:[0-9]+)?") || user.isEmpty()) {
        continue;
      }
      String name = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
      if (users.names().contains(name)) {
        continue;
      }
      // Whether another stage makes the user (planned with the command line's args).
      List<String> others = new ArrayList<>();
      Optional<PlanModel> whole = PlanModel.of(s);
      for (PlannedStage other : whole.map(PlanModel::stages).orElse(List.of())) {
        boolean inChain = m.chain(target).stream().anyMatch(c -> c.index() == other.index());
        if (!inChain && ImageUsers.of(s, whole.get(), other).names().contains(name)) {
          others.add(other.displayName());
        }
      }
      out.add(
          CrossFileRules.UNKNOWN_REMOTE_USER,
          p.token(d.range(pointer), written),
          property
              + " '"
              + name
              + "' is no user of the image of stage "
              + target.displayName()
              + (others.isEmpty()
                  ? ": no RUN of it or of the stages it builds on creates it, and its base has"
                      + " no such user"
                  : ": only stage "
                      + String.join(", ", others)
                      + " creates it, and "
                      + target.displayName()
                      + " does not build on "
                      + (others.size() == 1 ? "it" : "them")),
          "create the user in stage "
              + target.displayName()
              + " (RUN useradd --create-home "
              + name
              + ") or name a user its image has");
    }
  }
}
