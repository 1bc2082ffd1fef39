package dev.berth.scaffold;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Decides what {@code berth init} writes for a project: tool, Python, bases, entry point, port. */
final class SetupPlanner {

  /** Poetry when poetry.lock does not say which one wrote it. */
  static final String POETRY_VERSION = "2.1.3";

  /** uv's image tag. */
  static final String UV_VERSION = "0.7.13";

  static final String USER_NAME = "app";

  private static final Set<String> WEB =
      Set.of("fastapi", "flask", "django", "uvicorn", "gunicorn");
  private static final Pattern VERSION = Pattern.compile("3\\.[0-9]+(\\.[0-9]+)?");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]+");
  private static final String VENV_BIN = "/opt/venv/bin/";

  /** The decisions and what was found on the way. */
  record Planned(Setup setup, List<String> findings, List<String> notes) {}

  private final PythonProject project;
  private final ScaffoldOptions options;
  private final List<String> findings = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  /** Where the Python version came from, once {@link #pythonVersion} has chosen it. */
  private String pythonSource = "";

  private SetupPlanner(PythonProject project, ScaffoldOptions options) {
    this.project = project;
    this.options = options;
  }

  static Planned plan(PythonProject project, ScaffoldOptions options) throws BerthException {
    SetupPlanner p = new SetupPlanner(project, options);
    Setup s = p.decide();
    return new Planned(s, p.findings, p.notes);
  }

  private Setup decide() throws BerthException {
    findings.add(
        "project: "
            + project.name()
            + " ("
            + project.flavour().label()
            + "; read "
            + String.join(", ", project.manifests())
            + ")");
    Tool tool = options.tool().orElse(project.flavour().defaultTool());
    requireToolInputs(tool);
    String name = imageName();
    String python = pythonVersion();

    String toolVersion = "";
    String toolVersionSource = "";
    if (tool == Tool.POETRY) {
      Optional<String> writer = project.lockWriter().filter(SetupPlanner::atLeastPoetry12);
      toolVersion = writer.orElse(POETRY_VERSION);
      toolVersionSource =
          writer.isPresent() ? "the version that wrote poetry.lock" : "berth init's default";
    } else if (tool == Tool.UV) {
      toolVersion = UV_VERSION;
      toolVersionSource = "berth init's default";
    }
    findings.add(
        "tool: "
            + tool.command()
            + (toolVersion.isEmpty()
                ? " (the venv's own)"
                : " " + toolVersion + " (" + toolVersionSource + ")"));

    boolean baseGiven = options.base().isPresent();
    String base =
        options.base().map(b -> versioned(b, python)).orElse("python:${PYTHON_VERSION}-slim");
    String prodBase = options.prodBase().map(b -> versioned(b, python)).orElse("${BASE_IMAGE}");

    List<String> manifests = new ArrayList<>();
    Optional<String> mainRequirements = Optional.empty();
    boolean pyprojectDeps = false;
    List<String> devFiles = List.of();
    List<String> devRequirements = List.of();
    List<String> devLists = new ArrayList<>();
    List<String> devGroups = new ArrayList<>();
    DevDependencies dev = project.dev();
    switch (tool) {
      case POETRY -> {
        manifests.add("pyproject.toml");
        manifests.add("poetry.lock");
        project.readme().filter(r -> r.matches("[A-Za-z0-9._/-]+")).ifPresent(manifests::add);
        dev.poetryGroups().forEach(g -> key(g).ifPresent(devGroups::add));
      }
      case UV -> {
        manifests.add("pyproject.toml");
        manifests.add("uv.lock");
        dev.dependencyGroups().forEach(g -> key(g).ifPresent(devGroups::add));
        if (dev.uvDevDependencies() && !devGroups.contains("dev")) {
          devGroups.add("dev");
        }
      }
      case PIP -> {
        RequirementFiles req = project.requirements();
        if (req.main().isPresent()) {
          manifests.addAll(req.mainClosure());
          mainRequirements = req.main();
        } else if (project.has("pyproject.toml") && project.flavour() != Flavour.SETUPTOOLS) {
          manifests.add("pyproject.toml");
          pyprojectDeps = true;
        }
        devFiles = req.devOnly();
        devRequirements = req.dev();
        if (project.has("pyproject.toml")) {
          for (String x : dev.extras()) {
            key(x)
                .ifPresent(
                    k ->
                        devLists.add(
                            "p[\"project\"].get(\"optional-dependencies\", {}).get(\""
                                + k
                                + "\", [])"));
          }
          for (String g : dev.dependencyGroups()) {
            key(g)
                .ifPresent(
                    k -> devLists.add("p.get(\"dependency-groups\", {}).get(\"" + k + "\", [])"));
          }
          for (String g : dev.pdmGroups()) {
            key(g)
                .ifPresent(
                    k ->
                        devLists.add(
                            "p.get(\"tool\", {}).get(\"pdm\", {}).get(\"dev-dependencies\","
                                + " {}).get(\""
                                + k
                                + "\", [])"));
          }
          if (!devLists.isEmpty() && !manifests.contains("pyproject.toml")) {
            manifests.add("pyproject.toml");
          }
        }
        if ((pyprojectDeps || !devLists.isEmpty()) && minor(python) < 11) {
          throw new BerthException(
              ErrorKind.INVALID_INPUT,
              "python-too-old",
              "pip reads the dependencies from pyproject.toml with tomllib, which Python "
                  + python
                  + " lacks: choose --python 3.11 or later, or list them in requirements.txt");
        }
      }
      default -> throw new AssertionError(tool);
    }
    findings.add("dev dependencies: " + dev.describe());

    Optional<Integer> port = port();
    Entry entry = entry(port);
    findings.add("entry point: " + entry.source());
    port.ifPresent(p -> findings.add("web service: port " + p + " (" + webReason() + ")"));
    findings.add(
        "layout: "
            + project.layout().name().toLowerCase(Locale.ROOT)
            + (project.sources().packages().isEmpty()
                ? ""
                : " (" + String.join(", ", project.sources().packages()) + ")"));

    Optional<String> pythonPath =
        !project.packaged() && project.layout() == Layout.SRC
            ? Optional.of("/app/src")
            : Optional.empty();
    return new Setup(
        name,
        project.flavour(),
        tool,
        toolVersion,
        toolVersionSource,
        python,
        pythonSource,
        base,
        baseGiven,
        prodBase,
        options.prodBase().isPresent(),
        options.offline(),
        options.cacheMounts(),
        project.packaged(),
        manifests,
        mainRequirements,
        pyprojectDeps,
        devFiles,
        devRequirements,
        devLists,
        devGroups,
        entry.prod(),
        entry.dev(),
        entry.source(),
        port,
        pythonPath,
        USER_NAME);
  }

  private void requireToolInputs(Tool tool) throws BerthException {
    switch (tool) {
      case POETRY -> {
        if (!project.has("poetry.lock")) {
          throw precondition(
              "poetry installs from poetry.lock, which this project lacks: run `poetry lock`"
                  + " first, or choose another --tool");
        }
      }
      case UV -> {
        if (!project.has("uv.lock")) {
          throw precondition(
              "uv installs from uv.lock, which this project lacks: run `uv lock` first, or"
                  + " choose another --tool");
        }
      }
      case PIP -> {
        boolean pep621 = project.has("pyproject.toml") && (project.flavour() != Flavour.POETRY);
        if (project.requirements().main().isEmpty()
            && !pep621
            && project.flavour() != Flavour.SETUPTOOLS) {
          throw precondition(
              "pip cannot read [tool.poetry.dependencies]: write them to requirements.txt"
                  + " (poetry export -o requirements.txt) or use --tool poetry");
        }
      }
      default -> throw new AssertionError(tool);
    }
  }

  private static BerthException precondition(String message) {
    return new BerthException(ErrorKind.FAILED_PRECONDITION, "tool-input-missing", message);
  }

  private String imageName() throws BerthException {
    if (options.name().isPresent()) {
      String n = options.name().get();
      if (!NAME.matcher(n).matches()) {
        throw new BerthException(
            ErrorKind.INVALID_INPUT,
            "bad-name",
            "--name '"
                + n
                + "' is not a valid image and compose project name: expected lower"
                + " case letters, digits, '-' and '_', starting with a letter or digit");
      }
      return n;
    }
    String n = project.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-");
    n = n.replaceAll("^[^a-z0-9]+", "").replaceAll("-+$", "");
    return n.isEmpty() ? "app" : n;
  }

  private String pythonVersion() throws BerthException {
    Optional<PythonConstraint> constraint = Optional.empty();
    if (project.python().isPresent()) {
      PythonProject.VersionSource vs = project.python().get();
      try {
        constraint = Optional.of(PythonConstraint.parse(vs.constraint()));
      } catch (IllegalArgumentException e) {
        throw BerthException.error(
            "bad-python-constraint",
            vs.key() + " = \"" + vs.constraint() + "\": " + e.getMessage(),
            vs.range());
      }
    }
    String version;
    if (options.python().isPresent()) {
      version = options.python().get();
      if (!VERSION.matcher(version).matches()) {
        throw new BerthException(
            ErrorKind.INVALID_INPUT,
            "bad-python",
            "--python '" + version + "': expected a Python 3 version such as 3.12");
      }
      pythonSource = "given with --python";
      if (constraint.isPresent() && !allows(constraint.get(), version)) {
        notes.add(
            "--python "
                + version
                + " is outside what the project allows ("
                + project.python().get().key()
                + " = \""
                + constraint.get().text()
                + "\")");
      }
    } else if (project.pythonVersionFile().filter(v -> VERSION.matcher(v).matches()).isPresent()
        && constraint.map(c -> allows(c, project.pythonVersionFile().get())).orElse(true)) {
      version = project.pythonVersionFile().get();
      pythonSource = "from .python-version";
    } else if (constraint.isPresent()) {
      PythonProject.VersionSource vs = project.python().get();
      version =
          constraint
              .get()
              .choose()
              .orElseThrow(
                  () ->
                      BerthException.error(
                          "bad-python-constraint",
                          vs.key() + " = \"" + vs.constraint() + "\" allows no Python 3 release",
                          vs.range()));
      pythonSource =
          "the oldest maintained release that \""
              + vs.constraint()
              + "\" ("
              + vs.key()
              + ") allows";
    } else {
      version = PythonConstraint.DEFAULT_VERSION;
      pythonSource = "berth init's default: the project names no Python version";
    }
    findings.add("python: " + version + " (" + pythonSource + ")");
    return version;
  }

  private static boolean allows(PythonConstraint c, String version) {
    String[] parts = version.split("\\.");
    int minor = Integer.parseInt(parts[1]);
    return parts.length > 2 ? c.allows(3, minor, Integer.parseInt(parts[2])) : c.allowsMinor(minor);
  }

  private static int minor(String version) {
    return Integer.parseInt(version.split("\\.")[1]);
  }

  private static boolean atLeastPoetry12(String v) {
    String[] p = v.split("\\.");
    int major = Integer.parseInt(p[0]);
    int minor = p.length > 1 ? Integer.parseInt(p[1]) : 0;
    return major > 1 || (major == 1 && minor >= 2);
  }

  /** The base with its Python version written as the ARG, so that changing one changes both. */
  private static String versioned(String image, String python) {
    int colon = image.lastIndexOf(':');
    if (colon < 0 || image.indexOf('/', colon) >= 0) {
      return image;
    }
    String tag = image.substring(colon + 1);
    Matcher m = Pattern.compile("(?<![0-9.])" + Pattern.quote(python) + "(?![0-9])").matcher(tag);
    if (!m.find()) {
      return image;
    }
    return image.substring(0, colon + 1)
        + tag.substring(0, m.start())
        + "${PYTHON_VERSION}"
        + tag.substring(m.end());
  }

  private static Optional<String> key(String k) {
    return KEY.matcher(k).matches() ? Optional.of(k) : Optional.empty();
  }

  private Optional<Integer> port() {
    if (options.port().isPresent()) {
      return options.port();
    }
    Set<String> deps = project.dependencies();
    boolean web = deps.stream().anyMatch(WEB::contains) || project.sources().app().isPresent();
    if (!web) {
      return Optional.empty();
    }
    boolean flaskDevServer =
        (deps.contains("flask")
                || project.sources().app().map(a -> a.framework().equals("flask")).orElse(false))
            && !deps.contains("gunicorn");
    return Optional.of(flaskDevServer ? 5000 : 8000);
  }

  private String webReason() {
    if (options.port().isPresent()) {
      return "given with --port";
    }
    List<String> found = project.dependencies().stream().filter(WEB::contains).sorted().toList();
    return found.isEmpty()
        ? project.sources().app().get().framework() + " application object"
        : String.join(", ", found) + " in the dependencies";
  }

  /** The commands prod and dev run, and what they are. */
  private record Entry(List<String> prod, List<String> dev, String source) {}

  private Entry entry(Optional<Integer> port) {
    Sources src = project.sources();
    String module = project.name().toLowerCase(Locale.ROOT).replaceAll("[-.]", "_");
    if (project.packaged() && !project.scripts().isEmpty()) {
      ConsoleScript s =
          project.scripts().stream()
              .filter(c -> c.name().equals(project.name()) || c.name().equals(module))
              .findFirst()
              .orElse(project.scripts().get(0));
      List<String> cmd = List.of(VENV_BIN + s.name());
      return new Entry(cmd, cmd, "the console script " + s.name() + " (" + s.reference() + ")");
    }
    if (!src.mainPackages().isEmpty()) {
      String pkg = src.mainPackages().contains(module) ? module : src.mainPackages().get(0);
      List<String> cmd = List.of(VENV_BIN + "python", "-m", pkg);
      return new Entry(cmd, cmd, "python -m " + pkg + " (" + pkg + "/__main__.py)");
    }
    Set<String> deps = project.dependencies();
    if (src.app().isPresent()) {
      AppObject app = src.app().get();
      String p = String.valueOf(port.orElse(8000));
      if (app.asgi() && deps.contains("uvicorn")) {
        List<String> cmd =
            List.of(VENV_BIN + "uvicorn", app.target(), "--host", "0.0.0.0", "--port", p);
        return new Entry(cmd, append(cmd, "--reload"), "uvicorn serving " + app.target());
      }
      if (!app.asgi() && deps.contains("gunicorn")) {
        List<String> cmd = List.of(VENV_BIN + "gunicorn", "--bind", "0.0.0.0:" + p, app.target());
        return new Entry(cmd, append(cmd, "--reload"), "gunicorn serving " + app.target());
      }
      if (app.framework().equals("flask")) {
        String mod = app.target().substring(0, app.target().indexOf(':'));
        List<String> cmd =
            List.of(
                VENV_BIN + "flask", "--app", app.target(), "run", "--host", "0.0.0.0", "--port", p);
        notes.add(
            "flask's own server runs "
                + mod
                + " in prod: add gunicorn to the dependencies"
                + " and run init again for a production server");
        return new Entry(cmd, append(cmd, "--debug"), "flask run serving " + app.target());
      }
      if (app.framework().equals("django") && !project.packaged()) {
        List<String> cmd = List.of(VENV_BIN + "python", "manage.py", "runserver", "0.0.0.0:" + p);
        notes.add(
            "Django's development server runs in prod: add gunicorn to the dependencies"
                + " and run init again for a production server");
        return new Entry(cmd, cmd, "manage.py runserver");
      }
    }
    if (!project.packaged() && !src.scripts().isEmpty()) {
      String s =
          src.scripts().contains("main")
              ? "main"
              : src.scripts().contains("app") ? "app" : src.scripts().get(0);
      List<String> cmd = List.of(VENV_BIN + "python", s + ".py");
      return new Entry(cmd, cmd, "python " + s + ".py");
    }
    notes.add(
        "no console script, __main__ module or application object was found: the images run"
            + " python; set ENTRYPOINT in the Dockerfile's prod stage");
    List<String> cmd = List.of(VENV_BIN + "python");
    return new Entry(cmd, cmd, "none found (python)");
  }

  private static List<String> append(List<String> cmd, String arg) {
    List<String> out = new ArrayList<>(cmd);
    out.add(arg);
    return out;
  }
}
