package dev.berth.check;

import dev.berth.context.DockerIgnore;
import dev.berth.devcontainer.Scenario;
import dev.berth.diag.BerthException;
import dev.berth.diag.Diagnostic;
import dev.berth.diag.SourceRange;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code berth check} on a project folder: finds (or is told) its Dockerfiles, compose file and
 * devcontainer.json, reads them with berth's own readers, checks each Dockerfile as the builds that
 * name it use it, then runs the rules across files. The result is one report a file.
 */
public final class ProjectChecker {

  /** The compose file names docker compose looks for, in its order, and the override files. */
  private static final List<String> COMPOSE_NAMES =
      List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");

  private static final List<String> OVERRIDE_NAMES =
      List.of(
          "compose.override.yml",
          "compose.override.yaml",
          "docker-compose.override.yml",
          "docker-compose.override.yaml");

  private static final Pattern SKIP = Pattern.compile("berth:\\s*skip\\s*=\\s*([A-Za-z0-9_,\\s]+)");

  /**
   * What to check.
   *
   * @param dir the project folder: the build context of the command line's Dockerfile, and where
   *     the other files are looked for
   * @param dockerfiles the command line's Dockerfiles; none means {@code dir/Dockerfile} if there
   *     is one
   * @param compose a compose file; empty to look for one in {@code dir}
   * @param devcontainer a devcontainer.json; empty to look for one in {@code dir}
   * @param target the command line's target, for its Dockerfiles
   * @param buildArgs the command line's build args, for its Dockerfiles
   * @param environment what compose interpolation and {@code ${localEnv:...}} read (the shell's)
   * @param findOthers whether to look for a compose file and a devcontainer.json in {@code dir}
   *     when they are not named (a build's check reads its Dockerfile alone)
   */
  public record Request(
      Path dir,
      List<Path> dockerfiles,
      Optional<Path> compose,
      Optional<Path> devcontainer,
      Optional<String> target,
      Map<String, String> buildArgs,
      Map<String, String> environment,
      boolean findOthers) {
    public Request {
      Objects.requireNonNull(dir, "dir");
      dockerfiles = List.copyOf(dockerfiles);
      Objects.requireNonNull(compose, "compose");
      Objects.requireNonNull(devcontainer, "devcontainer");
      Objects.requireNonNull(target, "target");
      buildArgs = Map.copyOf(buildArgs);
      environment = Map.copyOf(environment);
    }

    /** The folder's files, found there, with no target, no build args and no environment. */
    public static Request of(Path dir) {
      return new Request(
          dir,
          List.of(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Map.of(),
          Map.of(),
          true);
    }
  }

  /**
   * What the check found: one report a file (Dockerfiles first, then the compose files, then the
   * devcontainer.json), and the lines of each file by the name the reports give it.
   */
  public record Result(List<CheckReport> reports, Map<String, List<String>> sources) {
    public Result {
      reports = List.copyOf(reports);
      sources = Map.copyOf(sources);
    }

    /** Whether part of the project could not be checked (see {@link CheckReport#errors}). */
    public boolean badInput() {
      return reports.stream().anyMatch(r -> !r.errors().isEmpty());
    }
  }

  /** A Dockerfile to check: its name, its context, and how the builds that name it use it. */
  private static final class Spec {
    final String name;
    final Path context;
    final boolean commandLine;
    final Set<String> otherTargets = new LinkedHashSet<>();
    Optional<BuildUse> firstUse = Optional.empty();

    Spec(String name, Path context, boolean commandLine) {
      this.name = name;
      this.context = context;
      this.commandLine = commandLine;
    }
  }

  private final List<Rule> rules;

  public ProjectChecker() {
    this(Rules.all());
  }

  public ProjectChecker(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * Checks a project.
   *
   * @throws BerthException when the folder is not one, or its pyproject.toml or a .dockerignore is
   *     malformed; the files checked report their own bad input in their reports
   */
  public Result check(Request r) throws IOException {
    if (!Files.isDirectory(r.dir())) {
      throw BerthException.error(
          "bad-context",
          "the build context is not a directory: expected DIR to be the folder the build copies"
              + " from",
          SourceRange.file(r.dir().toString()));
    }
    Path dir = r.dir().toAbsolutePath().normalize();
    SourceNames names = SourceNames.forFolder(r.dir());
    Map<String, List<String>> sources = new LinkedHashMap<>();
    List<CheckReport> badFiles = new ArrayList<>();
    ProjectSettings settings = settings(r.dir());

    Optional<DevContainerFile> dev = devcontainer(r, dir, names, sources, badFiles);
    Optional<ComposeFile> compose = compose(r, dir, dev, names, sources, badFiles);
    Map<String, BuildUse> composeBuilds = compose.map(c -> c.builds(names)).orElse(Map.of());
    Optional<BuildUse> devBuild = dev.flatMap(d -> devcontainerBuild(d, composeBuilds));
    List<BuildUse> builds = new ArrayList<>(composeBuilds.values());
    devBuild.filter(b -> !builds.contains(b)).ifPresent(builds::add);

    List<DockerfileUnit> units = new ArrayList<>();
    Map<Path, ContextClutter> clutter = new HashMap<>();
    for (Map.Entry<Path, Spec> e : specs(r, dir, names, builds).entrySet()) {
      Spec spec = e.getValue();
      Optional<String> text = readText(e.getKey());
      if (text.isEmpty()) {
        badFiles.add(missingDockerfile(spec));
        continue;
      }
      sources.put(spec.name, lines(text.get()));
      if (!clutter.containsKey(spec.context)) {
        clutter.put(spec.context, ContextClutter.scan(spec.context));
      }
      units.add(
          checkDockerfile(r, e.getKey(), text.get(), spec, clutter.get(spec.context), settings));
    }

    ProjectSubject subject =
        new ProjectSubject(units, compose, dev, composeBuilds, devBuild, sources);
    Map<String, List<Finding>> byFile = crossFileFindings(subject, settings);

    List<CheckReport> reports = new ArrayList<>();
    List<String> files = new ArrayList<>();
    units.forEach(u -> reports.add(u.report()));
    reports.addAll(badFiles);
    compose.ifPresent(c -> c.sources().forEach(s -> files.add(s.file())));
    dev.ifPresent(d -> files.add(d.name()));
    files.stream()
        .filter(f -> reports.stream().noneMatch(rep -> rep.file().equals(f)))
        .forEach(f -> reports.add(new CheckReport(f, List.of(), List.of(), rules)));
    List<CheckReport> out = new ArrayList<>();
    for (CheckReport report : reports) {
      out.add(withFindings(report, byFile.remove(report.file())));
    }
    byFile.forEach(
        (file, list) ->
            out.add(withFindings(new CheckReport(file, List.of(), List.of(), rules), list)));
    return new Result(out, sources);
  }

  private Optional<DevContainerFile> devcontainer(
      Request r,
      Path dir,
      SourceNames names,
      Map<String, List<String>> sources,
      List<CheckReport> badFiles)
      throws IOException {
    Optional<Path> path =
        r.devcontainer()
            .map(ProjectChecker::absolute)
            .or(() -> r.findOthers() ? found(dir) : Optional.empty());
    if (path.isEmpty()) {
      return Optional.empty();
    }
    DevContainerFile.Loaded loaded =
        DevContainerFile.load(path.get(), workspaceOf(path.get(), dir), r.environment(), names);
    readLines(path.get()).ifPresent(l -> sources.put(loaded.name(), l));
    if (!loaded.errors().isEmpty()) {
      badFiles.add(new CheckReport(loaded.name(), List.of(), loaded.errors(), rules));
    }
    return loaded.file();
  }

  private Optional<ComposeFile> compose(
      Request r,
      Path dir,
      Optional<DevContainerFile> dev,
      SourceNames names,
      Map<String, List<String>> sources,
      List<CheckReport> badFiles)
      throws IOException {
    List<Path> files =
        r.compose()
            .map(f -> List.of(absolute(f)))
            .orElseGet(() -> r.findOthers() ? composeFiles(dir) : List.of());
    if (files.isEmpty()
        && dev.isPresent()
        && dev.get().config().scenario() instanceof Scenario.Compose c) {
      files = c.files();
    }
    if (files.isEmpty()) {
      return Optional.empty();
    }
    ComposeFile.Loaded loaded = ComposeFile.load(files, r.environment(), names);
    for (Path f : files) {
      readLines(f).ifPresent(l -> sources.put(names.name(f), l));
    }
    if (!loaded.errors().isEmpty()) {
      badFiles.add(new CheckReport(loaded.names().get(0), List.of(), loaded.errors(), rules));
    }
    return loaded.file();
  }

  /**
   * The Dockerfiles to check: the command line's (or DIR/Dockerfile), then those the other files
   * build, each with the targets those builds run as the image's own user.
   */
  private static Map<Path, Spec> specs(
      Request r, Path dir, SourceNames names, List<BuildUse> builds) {
    Map<Path, Spec> specs = new LinkedHashMap<>();
    for (Path f : r.dockerfiles()) {
      specs.putIfAbsent(absolute(f), new Spec(f.toString(), dir, true));
    }
    Path own = dir.resolve("Dockerfile");
    if (r.dockerfiles().isEmpty() && (Files.isRegularFile(own) || builds.isEmpty())) {
      specs.put(own, new Spec(names.name(own), dir, true));
    }
    for (BuildUse b : builds) {
      Spec spec =
          specs.computeIfAbsent(b.dockerfile(), p -> new Spec(names.name(p), b.context(), false));
      if (spec.firstUse.isEmpty()) {
        spec.firstUse = Optional.of(b);
      }
      if (b.target().isPresent() && b.user().map(ProjectChecker::isRoot).orElse(true)) {
        spec.otherTargets.add(b.target().get());
      }
    }
    return specs;
  }

  /** One Dockerfile checked, with its context's .dockerignore and clutter. */
  private DockerfileUnit checkDockerfile(
      Request r,
      Path path,
      String text,
      Spec spec,
      ContextClutter clutter,
      ProjectSettings settings)
      throws IOException {
    DockerIgnore ignore = DockerIgnore.load(spec.context, Optional.of(path));
    CheckOptions options =
        CheckOptions.defaults()
            .withTarget(spec.commandLine ? r.target() : Optional.empty())
            .withOtherTargets(spec.otherTargets)
            .withBuildArgs(
                spec.commandLine
                    ? r.buildArgs()
                    : spec.firstUse.map(BuildUse::argValues).orElse(Map.of()))
            .withIgnored(ignore::matches)
            .withClutter(clutter)
            .withProjectSkips(settings.skip());
    Checker.Checked checked = new Checker(rules).checked(spec.name, text, options);
    return new DockerfileUnit(spec.name, path, checked.report(), checked.subject());
  }

  /** The findings of the rules across files that no skip switches off, by file. */
  private Map<String, List<Finding>> crossFileFindings(
      ProjectSubject subject, ProjectSettings settings) {
    Findings findings = new Findings();
    for (Rule rule : rules) {
      if (rule.logic() instanceof ProjectRuleLogic logic) {
        logic.check(subject, findings);
      }
    }
    Map<String, List<Finding>> byFile = new LinkedHashMap<>();
    for (Finding f : findings.list()) {
      if (settings.skip().contains(f.rule().name())
          || skippedByComment(subject.lines(f.range().file()), f)) {
        continue;
      }
      byFile.computeIfAbsent(f.range().file(), k -> new ArrayList<>()).add(f);
    }
    return byFile;
  }

  private static Optional<BuildUse> devcontainerBuild(
      DevContainerFile d, Map<String, BuildUse> composeBuilds) {
    if (d.config().scenario() instanceof Scenario.Compose c) {
      BuildUse service = composeBuilds.get(c.service());
      if (service == null) {
        return Optional.empty();
      }
      return Optional.of(
          new BuildUse(
              service.who(),
              service.dockerfile(),
              service.context(),
              service.target(),
              service.targetRange(),
              service.args(),
              d.user().or(service::user),
              service.range()));
    }
    return d.build();
  }

  private CheckReport missingDockerfile(Spec spec) {
    SourceRange at =
        spec.firstUse
            .filter(u -> !spec.commandLine)
            .map(BuildUse::range)
            .orElse(SourceRange.file(spec.name));
    String who =
        spec.firstUse
            .filter(u -> !spec.commandLine)
            .map(u -> ", which " + u.who() + " builds,")
            .orElse("");
    return new CheckReport(
        spec.name,
        List.of(),
        List.of(
            Diagnostic.error(
                "no-dockerfile",
                "the Dockerfile " + spec.name + who + " does not exist or cannot be read",
                at)),
        rules);
  }

  private static CheckReport withFindings(CheckReport report, List<Finding> more) {
    if (more == null || more.isEmpty()) {
      return report;
    }
    List<Finding> all = new ArrayList<>(report.findings());
    all.addAll(more);
    all.sort(
        Comparator.comparingInt((Finding f) -> f.range().startLine())
            .thenComparingInt(f -> f.range().startColumn())
            .thenComparing(f -> f.rule().name())
            .thenComparing(Finding::message));
    return new CheckReport(report.file(), all, report.errors(), report.rules());
  }

  /**
   * Whether a comment right above the finding's line (YAML's {@code #}, JSONC's {@code //}) says
   * {@code berth:skip=Rule} for its rule (or {@code all}).
   */
  static boolean skippedByComment(List<String> lines, Finding f) {
    for (int l = f.line() - 1; l >= 1 && l <= lines.size(); l--) {
      String t = lines.get(l - 1).strip();
      if (!t.startsWith("#") && !t.startsWith("//")) {
        return false;
      }
      Matcher m = SKIP.matcher(t);
      if (m.find()) {
        for (String rule : m.group(1).split(",")) {
          String name = rule.strip();
          if (name.equals(f.rule().name()) || name.equals("all")) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean isRoot(String user) {
    String name = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
    return name.isBlank() || name.equals("root") || name.equals("0");
  }

  private static ProjectSettings settings(Path dir) throws IOException {
    Path pyproject = dir.resolve("pyproject.toml");
    if (!Files.isRegularFile(pyproject)) {
      return ProjectSettings.none();
    }
    return ProjectSettings.fromPyproject(
        pyproject.toString(), Files.readString(pyproject, StandardCharsets.UTF_8));
  }

  private static Optional<Path> found(Path dir) {
    for (Path p :
        List.of(
            dir.resolve(".devcontainer/devcontainer.json"), dir.resolve(".devcontainer.json"))) {
      if (Files.isRegularFile(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The folder a devcontainer.json is the dev container of. */
  private static Path workspaceOf(Path file, Path dir) {
    Path parent = file.getParent();
    if (parent != null && parent.getFileName() != null) {
      if (parent.getFileName().toString().equals(".devcontainer") && parent.getParent() != null) {
        return parent.getParent();
      }
      if (file.getFileName().toString().equals(".devcontainer.json")) {
        return parent;
      }
    }
    return dir;
  }

  private static List<Path> composeFiles(Path dir) {
    List<Path> out = new ArrayList<>();
    for (List<String> names : List.of(COMPOSE_NAMES, OVERRIDE_NAMES)) {
      for (String n : names) {
        if (Files.isRegularFile(dir.resolve(n))) {
          out.add(dir.resolve(n));
          break;
        }
      }
      if (out.isEmpty()) {
        return out;
      }
    }
    return out;
  }

  private static Path absolute(Path p) {
    return p.toAbsolutePath().normalize();
  }

  private static Optional<String> readText(Path p) throws IOException {
    if (!Files.isRegularFile(p)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
    } catch (MalformedInputException e) {
      throw BerthException.error(
          "bad-encoding", p + " is not UTF-8 text", SourceRange.file(p.toString()));
    }
  }

  private static Optional<List<String>> readLines(Path p) throws IOException {
    return readText(p).map(ProjectChecker::lines);
  }

  private static List<String> lines(String text) {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    return List.of(t.split("\r?\n", -1));
  }
}
