package dev.berth.compose;

import dev.berth.diag.Diagnostic;
import dev.berth.diag.SourceRange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks docker compose makes on a whole project: every network, volume and secret a service
 * uses is declared, every service it depends on exists, and {@code depends_on} has no cycle.
 */
final class Consistency {
  private Consistency() {}

  static List<Diagnostic> check(
      Map<String, Service> enabled,
      Map<String, Service> disabled,
      Map<String, YMap> nodes,
      Map<String, NetworkConfig> networks,
      Map<String, VolumeConfig> volumes,
      Map<String, FileObject> secrets) {
    List<Diagnostic> errors = new ArrayList<>();
    for (Service s : enabled.values()) {
      YMap node = nodes.get(s.name());
      for (String n : s.networks().keySet()) {
        if (!networks.containsKey(n)) {
          errors.add(
              error(
                  "compose-undefined-network",
                  "service \""
                      + s.name()
                      + "\" refers to undefined network "
                      + n
                      + ": invalid compose project",
                  at(node, "networks", s)));
        }
      }
      for (VolumeMount v : s.volumes()) {
        if (v.type().equals("volume")
            && !v.source().isEmpty()
            && !volumes.containsKey(v.source())) {
          errors.add(
              error(
                  "compose-undefined-volume",
                  "service \""
                      + s.name()
                      + "\" refers to undefined volume "
                      + v.source()
                      + ": invalid compose project",
                  at(node, "volumes", s)));
        }
      }
      List<FileReference> refs = new ArrayList<>(s.secrets());
      s.build().ifPresent(b -> refs.addAll(b.secrets()));
      for (FileReference r : refs) {
        if (!secrets.containsKey(r.source())) {
          errors.add(
              error(
                  "compose-undefined-secret",
                  "service \""
                      + s.name()
                      + "\" refers to undefined secret "
                      + r.source()
                      + ": invalid compose project",
                  at(node, "secrets", s)));
        }
      }
      for (Map.Entry<String, Dependency> d : s.dependsOn().entrySet()) {
        String dep = d.getKey();
        if (enabled.containsKey(dep)) {
          continue;
        }
        if (disabled.containsKey(dep)) {
          if (d.getValue().required()) {
            errors.add(
                error(
                    "compose-disabled-dependency",
                    "service \""
                        + s.name()
                        + "\" depends on service \""
                        + dep
                        + "\", which no active profile enables (its profiles: "
                        + String.join(", ", disabled.get(dep).profiles())
                        + ")",
                    at(node, "depends_on", s)));
          }
          continue;
        }
        errors.add(
            error(
                "compose-undefined-service",
                "service \""
                    + s.name()
                    + "\" depends on undefined service \""
                    + dep
                    + "\": invalid compose project",
                at(node, "depends_on", s)));
      }
      if (s.containerName().isPresent() && s.containerCount() > 1) {
        errors.add(
            error(
                "compose-conflict",
                "services."
                    + s.name()
                    + ": can't set container_name and scale or deploy.replicas above 1 as container"
                    + " name must be unique",
                at(node, "container_name", s)));
      }
    }
    if (errors.isEmpty()) {
      cycle(enabled, nodes, errors);
    }
    return errors;
  }

  private static void cycle(
      Map<String, Service> services, Map<String, YMap> nodes, List<Diagnostic> errors) {
    Set<String> done = new HashSet<>();
    for (String start : services.keySet()) {
      List<String> path = new ArrayList<>();
      if (visit(start, services, done, path)) {
        int from = path.indexOf(path.get(path.size() - 1));
        String chain = String.join(" -> ", path.subList(from, path.size()));
        Service first = services.get(path.get(from));
        errors.add(
            error(
                "compose-dependency-cycle",
                "dependency cycle detected: " + chain,
                at(nodes.get(first.name()), "depends_on", first)));
        return;
      }
    }
  }

  /** True when a cycle is found; {@code path} then ends with the service that closes it. */
  private static boolean visit(
      String name, Map<String, Service> services, Set<String> done, List<String> path) {
    if (path.contains(name)) {
      path.add(name);
      return true;
    }
    if (done.contains(name) || !services.containsKey(name)) {
      return false;
    }
    path.add(name);
    for (String dep : services.get(name).dependsOn().keySet()) {
      if (visit(dep, services, done, path)) {
        return true;
      }
    }
    path.remove(path.size() - 1);
    done.add(name);
    return false;
  }

  private static SourceRange at(YMap node, String key, Service s) {
    return node != null && node.has(key) ? node.keyRange(key) : s.range();
  }

  private static Diagnostic error(String code, String message, SourceRange at) {
    return Diagnostic.error(code, message, at);
  }
}
