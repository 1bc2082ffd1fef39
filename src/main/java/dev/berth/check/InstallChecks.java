package dev.berth.check;

import dev.berth.diag.SourceRange;
import dev.berth.dockerfile.Add;
import dev.berth.dockerfile.Copy;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.Run;
import dev.berth.plan.PlannedStage;
import dev.berth.plan.PlannedStep;
import dev.berth.plan.op.CopyOp;
import dev.berth.plan.op.CopySource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * berth's rules about when and what gets installed: dependencies installed after the sources (so
 * every source change re-runs the install), the project installed before its sources are there, and
 * development dependencies that end up in a production image.
 */
final class InstallChecks {

  private static final Pattern MANIFEST =
      Pattern.compile(
          "(?i)(pyproject\\.toml|poetry\\.lock|poetry\\.toml|uv\\.lock|requirements[^/]*\\.(txt|in)"
              + "|pipfile(\\.lock)?|setup\\.cfg|\\.python-version|package(-lock)?\\.json"
              + "|yarn\\.lock|pnpm-lock\\.yaml|gemfile(\\.lock)?|composer\\.(json|lock)"
              + "|go\\.(mod|sum)|readme[^/]*|license[^/]*)");

  private InstallChecks() {}

  /** What the walk along a stage's chain knows at one step. */
  private static final class Walk {
    Optional<PlannedStep> broadCopy = Optional.empty();
    boolean sourcesPresent;
    final List<String> copiedManifests = new ArrayList<>();
    final Set<String> installedWith = new HashSet<>();
  }

  static void sourcesBeforeDependencies(CheckSubject s, Findings out) {
    PlanModel.of(s).ifPresent(m -> walk(s, m, out, true));
  }

  static void projectInstalledBeforeSources(CheckSubject s, Findings out) {
    PlanModel.of(s).ifPresent(m -> walk(s, m, out, false));
  }

  private static void walk(CheckSubject s, PlanModel m, Findings out, boolean order) {
    Map<PlannedStep, Optional<Installs.Install>> deps = new IdentityHashMap<>();
    for (PlannedStage stage : m.stages()) {
      Walk w = new Walk();
      for (PlannedStage link : m.chain(stage)) {
        boolean own = link.index() == stage.index();
        for (PlannedStep step : link.steps()) {
          Instruction ins = step.instruction();
          if (ins instanceof Copy c) {
            copied(w, step, c.from().isPresent(), c.sources(), !c.heredocs().isEmpty());
          } else if (ins instanceof Add a) {
            copied(w, step, false, a.sources(), !a.heredocs().isEmpty());
          } else if (ins instanceof Run r) {
            ShellScript script = s.script(r);
            boolean bindsSources =
                r.mounts().stream().anyMatch(mt -> mt.type().equals("bind") && mt.from().isEmpty());
            if (own && !order) {
              Optional<Installs.Install> project = Installs.projectInstall(script);
              if (project.isPresent() && !w.sourcesPresent && !bindsSources) {
                reportProject(s, out, step, stage, project.get(), w);
              }
            }
            Optional<Installs.Install> install =
                deps.computeIfAbsent(step, st -> Installs.dependencyInstall(script));
            if (install.isPresent()) {
              if (own
                  && order
                  && w.broadCopy.isPresent()
                  && !w.installedWith.contains(install.get().tool())) {
                reportOrder(s, out, step, install.get(), w.broadCopy.get());
              }
              w.installedWith.add(install.get().tool());
            }
          }
        }
      }
    }
  }

  private static void copied(
      Walk w, PlannedStep step, boolean fromStage, List<String> sources, boolean inline) {
    if (fromStage) {
      w.sourcesPresent = true;
      return;
    }
    for (String src : sources) {
      if (src.contains("://")) {
        continue;
      }
      String name = src.replaceAll("/+$", "");
      name = name.substring(name.lastIndexOf('/') + 1);
      if (MANIFEST.matcher(name).matches()) {
        w.copiedManifests.add(name);
      } else {
        w.sourcesPresent = true;
      }
      if (isWholeContext(src) && w.broadCopy.isEmpty()) {
        w.broadCopy = Optional.of(step);
      }
    }
    if (inline) {
      w.sourcesPresent = true;
    }
  }

  private static boolean isWholeContext(String src) {
    return src.equals(".") || src.equals("./") || src.equals("*") || src.equals("./*");
  }

  private static void reportOrder(
      CheckSubject s, Findings out, PlannedStep step, Installs.Install install, PlannedStep broad) {
    out.add(
        BerthRules.SOURCES_BEFORE_DEPENDENCIES,
        range(s, step),
        "'"
            + install.display()
            + "' runs after line "
            + broad.instruction().range().startLine()
            + " copied the whole build context, so a change to any source file runs the install"
            + " again",
        "copy only the dependency manifests ("
            + manifests(install.tool())
            + ") before this install, and the rest of the sources after it");
  }

  private static void reportProject(
      CheckSubject s,
      Findings out,
      PlannedStep step,
      PlannedStage stage,
      Installs.Install install,
      Walk w) {
    String copied =
        w.copiedManifests.isEmpty()
            ? "nothing has been copied from the build context"
            : "only " + String.join(", ", w.copiedManifests) + " have been copied";
    String fix =
        switch (install.tool()) {
          case "poetry" ->
              "install the dependencies alone (poetry install --no-root), COPY the sources, then"
                  + " run poetry install --only-root";
          case "uv" ->
              "install the dependencies alone (uv sync --no-install-project), COPY the sources,"
                  + " then run uv sync";
          default -> "COPY the project's sources before installing it";
        };
    out.add(
        BerthRules.PROJECT_INSTALLED_BEFORE_SOURCES,
        range(s, step),
        "'"
            + install.display()
            + "' installs the project itself, but in stage "
            + stage.displayName()
            + " "
            + copied
            + ": its sources are not there, so the install fails or leaves the package out",
        fix);
  }

  private static String manifests(String tool) {
    return switch (tool) {
      case "poetry" -> "pyproject.toml poetry.lock";
      case "uv" -> "pyproject.toml uv.lock";
      case "pip" -> "the requirements files";
      case "pipenv" -> "Pipfile Pipfile.lock";
      case "npm" -> "package.json package-lock.json";
      case "yarn" -> "package.json yarn.lock";
      case "pnpm" -> "package.json pnpm-lock.yaml";
      case "bundle" -> "Gemfile Gemfile.lock";
      case "composer" -> "composer.json composer.lock";
      case "go" -> "go.mod go.sum";
      default -> "the manifests";
    };
  }

  static void devDependenciesInProduction(CheckSubject s, Findings out) {
    Optional<PlanModel> model = PlanModel.of(s);
    if (model.isEmpty()) {
      return;
    }
    PlanModel m = model.get();
    Set<Integer> reported = new HashSet<>();
    for (PlannedStage prod : m.stages()) {
      if (!m.isProduction(prod)) {
        continue;
      }
      for (PlannedStage link : m.chain(prod)) {
        // A stage that installs dev dependencies itself is taken for a development target; the
        // mistake is a production stage built on it or copying from it.
        for (PlannedStep step :
            link.index() == prod.index() ? List.<PlannedStep>of() : link.steps()) {
          if (step.instruction() instanceof Run r) {
            Optional<Installs.Install> dev = Installs.devInstall(s.script(r));
            if (dev.isPresent() && reported.add(step.instruction().range().startLine())) {
              out.add(
                  BerthRules.DEV_DEPENDENCIES_IN_PRODUCTION,
                  range(s, step),
                  "'"
                      + dev.get().display()
                      + "' installs development dependencies into stage "
                      + link.displayName()
                      + ", which the production image "
                      + prod.displayName()
                      + " is built on",
                  "install them in a development stage that production does not build on, or"
                      + " leave the dev groups out here");
            }
          }
        }
        for (PlannedStep step : link.steps()) {
          if (step.op() instanceof CopyOp op && op.source() instanceof CopySource.Stage from) {
            copiedDev(s, m, out, prod, step, op, from.index(), reported);
          }
        }
      }
    }
  }

  private static void copiedDev(
      CheckSubject s,
      PlanModel m,
      Findings out,
      PlannedStage prod,
      PlannedStep copy,
      CopyOp op,
      int sourceStage,
      Set<Integer> reported) {
    Optional<PlannedStage> source = m.stage(sourceStage);
    if (source.isEmpty()) {
      return;
    }
    for (PlannedStep step : m.chainSteps(source.get())) {
      if (!(step.instruction() instanceof Run r)) {
        continue;
      }
      Optional<Installs.Install> dev = Installs.devInstall(s.script(r));
      if (dev.isEmpty()) {
        continue;
      }
      List<String> places = installPlaces(dev.get().tool(), step);
      for (String src : op.sources()) {
        String path = UnixPath.resolve("/", src);
        if (places.stream().anyMatch(p -> UnixPath.overlaps(path, p))
            && reported.add(copy.instruction().range().startLine())) {
          PlannedStage owner = m.owner(step);
          out.add(
              BerthRules.DEV_DEPENDENCIES_IN_PRODUCTION,
              range(s, copy),
              "production stage "
                  + prod.displayName()
                  + " copies "
                  + path
                  + " from stage "
                  + source.get().displayName()
                  + ", where '"
                  + dev.get().display()
                  + "' (line "
                  + step.instruction().range().startLine()
                  + (owner.index() == source.get().index() ? "" : ", stage " + owner.displayName())
                  + ") installed development dependencies",
              "copy from a stage that installs without the dev groups (for poetry: poetry install"
                  + " --only main), and keep --with dev for the development stage");
          return;
        }
      }
    }
  }

  /** Where a tool's install puts packages, as far as the step's environment tells. */
  private static List<String> installPlaces(String tool, PlannedStep step) {
    Map<String, String> env = step.env();
    String wd = step.workdir().isEmpty() ? "/" : step.workdir();
    List<String> places = new ArrayList<>();
    String venv = env.get("VIRTUAL_ENV");
    if (venv != null && !venv.isEmpty()) {
      places.add(UnixPath.resolve(wd, venv));
    }
    switch (tool) {
      case "poetry" -> {
        if (isTrue(env.get("POETRY_VIRTUALENVS_IN_PROJECT"))) {
          places.add(UnixPath.resolve(wd, ".venv"));
        } else if ("false".equalsIgnoreCase(env.getOrDefault("POETRY_VIRTUALENVS_CREATE", ""))) {
          places.add("/usr/local");
        } else {
          places.add(env.getOrDefault("POETRY_VIRTUALENVS_PATH", "/root/.cache/pypoetry"));
        }
      }
      case "uv" ->
          places.add(UnixPath.resolve(wd, env.getOrDefault("UV_PROJECT_ENVIRONMENT", ".venv")));
      case "pipenv" ->
          places.add(
              isTrue(env.get("PIPENV_VENV_IN_PROJECT"))
                  ? UnixPath.resolve(wd, ".venv")
                  : "/root/.local/share/virtualenvs");
      default -> {
        places.add("/usr/local");
        places.add("/root/.local");
      }
    }
    return places;
  }

  static boolean isTrue(String v) {
    return v != null && List.of("1", "true", "yes", "on").contains(v.toLowerCase(Locale.ROOT));
  }

  static SourceRange range(CheckSubject s, PlannedStep step) {
    return PlanModel.of(s)
        .flatMap(m -> m.node(step.instruction()))
        .map(n -> s.locate().start(n))
        .orElse(step.instruction().range());
  }
}
