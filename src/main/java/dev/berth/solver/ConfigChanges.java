package dev.berth.solver;

import dev.berth.image.ContainerConfig;
import dev.berth.image.ImageConfig;
import dev.berth.plan.op.ConfigOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** Applies config-only steps (ENV, LABEL, CMD, ...) to an image config, as docker does. */
final class ConfigChanges {

  private ConfigChanges() {}

  /**
   * @param cmdSetInStage whether this stage set CMD before: ENTRYPOINT clears only an inherited CMD
   */
  static ImageConfig apply(ImageConfig image, ConfigOp op, boolean cmdSetInStage) {
    ContainerConfig c = image.config();
    ContainerConfig.Builder b = c.toBuilder();
    if (op instanceof ConfigOp.Env e) {
      e.values().forEach(b::putEnv);
    } else if (op instanceof ConfigOp.Labels l) {
      TreeMap<String, String> labels = new TreeMap<>(c.labels());
      labels.putAll(l.values());
      b.labels(labels);
    } else if (op instanceof ConfigOp.User u) {
      b.user(u.user());
    } else if (op instanceof ConfigOp.Entrypoint e) {
      b.entrypoint(e.args());
      // As docker does: a new ENTRYPOINT drops a CMD inherited from the base.
      if (!cmdSetInStage) {
        b.cmd(List.of());
      }
    } else if (op instanceof ConfigOp.Cmd cmd) {
      b.cmd(cmd.args());
    } else if (op instanceof ConfigOp.Shell s) {
      b.shell(s.args());
    } else if (op instanceof ConfigOp.Expose e) {
      TreeSet<String> ports = new TreeSet<>(c.exposedPorts());
      ports.addAll(e.ports());
      b.exposedPorts(ports);
    } else if (op instanceof ConfigOp.Volume v) {
      TreeSet<String> vols = new TreeSet<>(c.volumes());
      vols.addAll(v.paths());
      b.volumes(vols);
    } else if (op instanceof ConfigOp.Healthcheck h) {
      b.healthcheck(Optional.of(h.check()));
    } else if (op instanceof ConfigOp.StopSignal s) {
      b.stopSignal(s.signal());
    } else if (op instanceof ConfigOp.OnBuild o) {
      List<String> triggers = new ArrayList<>(c.onBuild());
      triggers.add(o.expression());
      b.onBuild(triggers);
    } else if (op instanceof ConfigOp.Author a) {
      return image.withAuthor(a.name());
    } else if (op instanceof ConfigOp.ArgDeclared) {
      return image;
    } else {
      throw new AssertionError(op);
    }
    return image.withConfig(b.build());
  }
}
