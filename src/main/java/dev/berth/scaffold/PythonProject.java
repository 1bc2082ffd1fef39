package dev.berth.scaffold;

import dev.berth.diag.SourceRange;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code berth init} read from a Python project.
 *
 * @param name the project's name as written ({@code [project] name}, {@code [tool.poetry] name}, or
 *     the folder's)
 * @param python the Python constraint and where it was written, if anywhere
 * @param pythonVersionFile the version in {@code .python-version}, if the project has one
 * @param dependencies the normalised names of the runtime dependencies, with the servers that
 *     extras such as {@code fastapi[standard]} bring
 * @param packaged whether the project is a distribution that installs (console scripts, a wheel); a
 *     folder of requirement files and modules is not
 * @param readme the readme pyproject.toml names, which some tools need beside it
 * @param lockWriter the Poetry version poetry.lock says wrote it
 * @param manifests the project files init read, for people
 */
record PythonProject(
    Path dir,
    String name,
    Flavour flavour,
    Optional<VersionSource> python,
    Optional<String> pythonVersionFile,
    List<ConsoleScript> scripts,
    Set<String> dependencies,
    DevDependencies dev,
    RequirementFiles requirements,
    Sources sources,
    boolean packaged,
    Optional<String> readme,
    Optional<String> lockWriter,
    List<String> manifests) {

  /** A Python constraint, the key it came from ({@code requires-python}) and its line. */
  record VersionSource(String constraint, String key, SourceRange range) {
    public VersionSource {
      Objects.requireNonNull(constraint, "constraint");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(range, "range");
    }
  }

  PythonProject {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(flavour, "flavour");
    Objects.requireNonNull(python, "python");
    Objects.requireNonNull(pythonVersionFile, "pythonVersionFile");
    scripts = List.copyOf(scripts);
    dependencies = Set.copyOf(dependencies);
    Objects.requireNonNull(dev, "dev");
    Objects.requireNonNull(requirements, "requirements");
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(readme, "readme");
    Objects.requireNonNull(lockWriter, "lockWriter");
    manifests = List.copyOf(manifests);
  }

  public Layout layout() {
    return sources.layout();
  }

  public boolean has(String file) {
    return manifests.contains(file);
  }
}
