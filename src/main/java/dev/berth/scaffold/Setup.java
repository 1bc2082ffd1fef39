package dev.berth.scaffold;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything decided about the files {@code berth init} writes, before they are rendered.
 *
 * @param name the images' and the compose project's name
 * @param toolVersion the pinned version of poetry or uv; empty for pip, which the venv brings
 * @param toolVersionSource why that version ({@code the version that wrote poetry.lock})
 * @param pythonSource where the Python version came from, for the comment beside it
 * @param baseImage the build stages' base, as the ARG's default
 * @param prodBaseImage prod's base, as the ARG's default
 * @param manifests the files the builder copies before installing the runtime dependencies
 * @param mainRequirements the requirement file pip installs at run time, if there is one
 * @param pyprojectDependencies whether pip installs the dependencies pyproject.toml lists
 * @param devRequirementFiles development requirement files the dev stage copies
 * @param devRequirements the development requirement files pip installs
 * @param devPyprojectLists Python expressions of the lists of development requirements in
 *     pyproject.toml (over {@code p}, the parsed file)
 * @param devGroups Poetry's groups for {@code --with}, or uv's dependency groups
 * @param entry the command prod runs (ENTRYPOINT), exec form
 * @param devCommand the command the dev image runs by default (CMD)
 * @param entrySource what the entry point is, for people
 * @param port the port of a web service
 * @param pythonPath {@code /app/src} when an unpackaged project keeps its code there
 */
record Setup(
    String name,
    Flavour flavour,
    Tool tool,
    String toolVersion,
    String toolVersionSource,
    String pythonVersion,
    String pythonSource,
    String baseImage,
    boolean baseGiven,
    String prodBaseImage,
    boolean prodBaseGiven,
    boolean offline,
    boolean cacheMounts,
    boolean packaged,
    List<String> manifests,
    Optional<String> mainRequirements,
    boolean pyprojectDependencies,
    List<String> devRequirementFiles,
    List<String> devRequirements,
    List<String> devPyprojectLists,
    List<String> devGroups,
    List<String> entry,
    List<String> devCommand,
    String entrySource,
    Optional<Integer> port,
    Optional<String> pythonPath,
    String userName) {

  Setup {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(flavour, "flavour");
    Objects.requireNonNull(tool, "tool");
    manifests = List.copyOf(manifests);
    devRequirementFiles = List.copyOf(devRequirementFiles);
    devRequirements = List.copyOf(devRequirements);
    devPyprojectLists = List.copyOf(devPyprojectLists);
    devGroups = List.copyOf(devGroups);
    entry = List.copyOf(entry);
    devCommand = List.copyOf(devCommand);
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(pythonPath, "pythonPath");
  }

  boolean web() {
    return port.isPresent();
  }

  boolean hasDev() {
    return !devGroups.isEmpty() || !devRequirements.isEmpty() || !devPyprojectLists.isEmpty();
  }
}
