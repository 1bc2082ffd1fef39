package dev.berth.check;

import dev.berth.compose.Service;
import dev.berth.compose.VolumeMount;
import dev.berth.devcontainer.ConfigMount;
import dev.berth.devcontainer.Mount;
import dev.berth.devcontainer.MountType;
import dev.berth.diag.SourceRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * berth's WorkspaceHidesVenv: a bind (or tmpfs) mount of the dev container or of a compose service
 * that lands on the folder where the image made its virtualenv. A mount shows the host's folder in
 * place of the image's, so the packages the build installed are not there when the container runs
 * (a named volume is filled from the image instead, and hides nothing the first time).
 */
final class MountChecks {

  private MountChecks() {}

  /** A mount and where its file writes it. */
  private record Placed(String what, String target, SourceRange range) {}

  static void workspaceHidesVenv(ProjectSubject p, Findings out) {
    p.devcontainer()
        .ifPresent(
            d ->
                d.build()
                    .ifPresent(b -> report(p, out, b, devcontainerMounts(d), "the dev container")));
    p.compose()
        .ifPresent(
            c -> {
              for (Map.Entry<String, BuildUse> e : p.composeBuilds().entrySet()) {
                Service s = c.project().services().get(e.getKey());
                report(p, out, e.getValue(), composeMounts(c, s), "service " + s.name());
              }
            });
  }

  private static List<Placed> devcontainerMounts(DevContainerFile d) {
    List<Placed> out = new ArrayList<>();
    Optional<Mount> workspace = d.config().workspace().mount();
    if (workspace.isPresent() && hides(workspace.get().type())) {
      SourceRange at =
          d.has("/workspaceMount")
              ? d.range("/workspaceMount")
              : d.has("/workspaceFolder") ? d.range("/workspaceFolder") : d.range("");
      out.add(new Placed("the workspace mount", workspace.get().target(), at));
    }
    List<ConfigMount> mounts = d.config().metadata().mounts();
    for (int i = 0; i < mounts.size(); i++) {
      Mount m = mounts.get(i).mount();
      if (hides(m.type())) {
        out.add(new Placed("the mount", m.target(), d.range("/mounts/" + i)));
      }
    }
    return out;
  }

  private static boolean hides(MountType t) {
    return t == MountType.BIND || t == MountType.TMPFS;
  }

  private static List<Placed> composeMounts(ComposeFile c, Service s) {
    List<Placed> out = new ArrayList<>();
    for (int i = 0; i < s.volumes().size(); i++) {
      VolumeMount v = s.volumes().get(i);
      if (!v.type().equals("bind") && !v.type().equals("tmpfs")) {
        continue;
      }
      SourceRange at =
          c.valueRange("services", s.name(), "volumes", Integer.toString(i))
              .orElseGet(() -> c.keyRange("services", s.name()).orElse(s.range()));
      out.add(new Placed("the " + v.type() + " mount", v.target(), at));
    }
    return out;
  }

  private static void report(
      ProjectSubject p, Findings out, BuildUse b, List<Placed> mounts, String where) {
    if (mounts.isEmpty()) {
      return;
    }
    Optional<DockerfileUnit> unit = p.dockerfile(b.dockerfile());
    if (unit.isEmpty() || unit.get().subject().isEmpty()) {
      return;
    }
    Optional<DockerfileUnit.Planned> planned = unit.get().plan(b);
    if (planned.isEmpty()) {
      return;
    }
    PlanModel m = planned.get().model();
    List<VenvCheck.Venv> venvs =
        VenvCheck.venvs(unit.get().subject().get(), m, planned.get().plan().targetStage());
    for (Placed mount : mounts) {
      String target = UnixPath.resolve("/", mount.target());
      for (VenvCheck.Venv v : venvs) {
        if (!UnixPath.isUnder(v.path(), target)) {
          continue;
        }
        out.add(
            CrossFileRules.WORKSPACE_HIDES_VENV,
            p.token(mount.range(), target),
            mount.what()
                + " of "
                + where
                + " at "
                + target
                + " hides "
                + v.path()
                + ", the virtual environment stage "
                + m.owner(v.step()).displayName()
                + " makes ("
                + unit.get().name()
                + " line "
                + v.step().instruction().range().startLine()
                + "): in the container the folder holds the host's files, not the installed"
                + " packages",
            "mount it elsewhere (a dev container's workspace goes to /workspaces/<folder> when"
                + " workspaceMount and workspaceFolder are not set), or make the venv outside the"
                + " mounted folder");
        break;
      }
    }
  }
}
