package dev.berth.check;

import dev.berth.diag.SourceRange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the rules across files look at: the project's Dockerfiles (checked, and planned for each
 * build that names them), its compose file and its devcontainer.json, and the builds those two ask
 * for.
 */
public final class ProjectSubject {

  private final List<DockerfileUnit> dockerfiles;
  private final Optional<ComposeFile> compose;
  private final Optional<DevContainerFile> devcontainer;
  private final Map<String, BuildUse> composeBuilds;
  private final Optional<BuildUse> devcontainerBuild;
  private final Map<String, List<String>> sources;

  ProjectSubject(
      List<DockerfileUnit> dockerfiles,
      Optional<ComposeFile> compose,
      Optional<DevContainerFile> devcontainer,
      Map<String, BuildUse> composeBuilds,
      Optional<BuildUse> devcontainerBuild,
      Map<String, List<String>> sources) {
    this.dockerfiles = List.copyOf(dockerfiles);
    this.compose = compose;
    this.devcontainer = devcontainer;
    this.composeBuilds = Collections.unmodifiableMap(new LinkedHashMap<>(composeBuilds));
    this.devcontainerBuild = devcontainerBuild;
    this.sources = Map.copyOf(sources);
  }

  List<DockerfileUnit> dockerfiles() {
    return dockerfiles;
  }

  /** The Dockerfile at an absolute, normalised path, when the check read it. */
  Optional<DockerfileUnit> dockerfile(Path path) {
    return dockerfiles.stream().filter(u -> u.path().equals(path)).findFirst();
  }

  Optional<ComposeFile> compose() {
    return compose;
  }

  Optional<DevContainerFile> devcontainer() {
    return devcontainer;
  }

  /** The builds the compose file's services ask for, by service, in service order. */
  Map<String, BuildUse> composeBuilds() {
    return composeBuilds;
  }

  /** The build the dev container asks for (its own, or its compose service's). */
  Optional<BuildUse> devcontainerBuild() {
    return devcontainerBuild;
  }

  /** Every build another file asks for: the compose services', then the dev container's own. */
  List<BuildUse> builds() {
    List<BuildUse> all = new ArrayList<>(composeBuilds.values());
    devcontainerBuild.filter(b -> !all.contains(b)).ifPresent(all::add);
    return all;
  }

  /** The lines of a file by the name the report gives it. */
  List<String> lines(String file) {
    return sources.getOrDefault(file, List.of());
  }

  /**
   * The place of {@code token} on the line a range starts on, at or after its column, so that a
   * finding points at the word it is about; the range itself when the line does not have it.
   */
  SourceRange token(SourceRange at, String token) {
    List<String> lines = lines(at.file());
    if (!at.hasLine() || at.startLine() > lines.size()) {
      return at;
    }
    String line = lines.get(at.startLine() - 1);
    int i = line.indexOf(token, Math.max(0, at.startColumn() - 1));
    if (i < 0) {
      return at;
    }
    return new SourceRange(at.file(), at.startLine(), i + 1, at.startLine(), i + token.length());
  }
}
