package dev.berth.compose;

import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves {@code extends} in the services of one compose file: a service is its base (from the
 * same file or another one, itself resolved first) with the service applied on top by the merge
 * rules. A service that extends itself, directly or through others, is an error.
 */
final class Extends {

  /** Reads another compose file for {@code extends: {file: ...}}, interpolated and rebased. */
  interface FileLoader {
    YMap load(Path file, SourceRange referencedAt) throws BerthException;
  }

  private record Ref(Path file, String service) {
    @Override
    public String toString() {
      return service + " in " + file;
    }
  }

  private final FileLoader loader;
  private final Map<Path, YMap> otherFiles = new HashMap<>();

  private Extends(FileLoader loader) {
    this.loader = loader;
  }

  /**
   * The file's model with every service's {@code extends} resolved and removed.
   *
   * @param dir the folder a relative {@code extends.file} is taken from: the project folder for the
   *     project's own files, as docker compose does
   */
  static YMap apply(YMap model, Path file, Path dir, FileLoader loader) throws BerthException {
    if (!(model.get("services") instanceof YMap services)) {
      return model;
    }
    Extends e = new Extends(loader);
    YMap out = services;
    for (String name : services.keys()) {
      YNode resolved = e.resolve(file, dir, services, name, new ArrayList<>());
      out = out.with(name, resolved);
    }
    return model.with("services", out);
  }

  private YNode resolve(Path file, Path dir, YMap services, String name, List<Ref> chain)
      throws BerthException {
    YNode node = services.get(name);
    if (!(node instanceof YMap service) || !service.has("extends")) {
      return node;
    }
    YNode ext = service.get("extends");
    SourceRange at = ext.range();
    String ref;
    Path baseFile = file;
    YMap baseServices = services;
    if (ext instanceof YScalar s) {
      ref = s.value();
    } else if (ext instanceof YMap m && m.get("service") instanceof YScalar s) {
      ref = s.value();
      if (m.get("file") instanceof YScalar f) {
        baseFile = dir.resolve(f.value()).normalize();
        baseServices = servicesOf(baseFile, at);
      }
    } else {
      throw BerthException.error(
          "compose-extends", "services." + name + ".extends needs a service to extend", at);
    }
    if (!baseServices.has(ref)) {
      String where = baseFile.equals(file) ? "" : " in " + baseFile;
      throw BerthException.error(
          "compose-extends",
          "cannot extend service \""
              + name
              + "\" in "
              + file
              + ": service \""
              + ref
              + "\" not found"
              + where,
          at);
    }
    List<Ref> next = new ArrayList<>(chain);
    if (next.isEmpty()) {
      next.add(new Ref(file, name));
    }
    Ref target = new Ref(baseFile, ref);
    if (next.contains(target)) {
      StringBuilder msg = new StringBuilder("circular reference: ").append(next.get(0));
      for (Ref r : next.subList(1, next.size())) {
        msg.append(" extends ").append(r);
      }
      msg.append(" extends ").append(target);
      throw BerthException.error("compose-extends-cycle", msg.toString(), at);
    }
    next.add(target);
    Path baseDir = baseFile.equals(file) ? dir : baseFile.getParent();
    YNode base = resolve(baseFile, baseDir, baseServices, ref, next);
    YMap own = service.without("extends");
    if (!(base instanceof YMap baseMap)) {
      return own;
    }
    return Merger.extend(baseMap, own, name);
  }

  private YMap servicesOf(Path file, SourceRange at) throws BerthException {
    YMap model = otherFiles.get(file);
    if (model == null) {
      model = loader.load(file, at);
      otherFiles.put(file, model);
    }
    if (model.get("services") instanceof YMap services) {
      return services;
    }
    throw BerthException.error(
        "compose-extends", "cannot extend a service from " + file + ": it has no services", at);
  }
}
