package dev.berth.check;

import dev.berth.dockerfile.Add;
import dev.berth.dockerfile.Copy;
import dev.berth.dockerfile.Env;
import dev.berth.dockerfile.KeyValue;
import dev.berth.dockerfile.Run;
import dev.berth.dockerfile.Workdir;
import dev.berth.plan.PlannedStage;
import dev.berth.plan.PlannedStep;
import dev.berth.plan.StageBase;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * berth's PathEntryMissing: a directory an ENV puts on PATH that nothing in the stage makes. What a
 * stage makes is read from its steps: WORKDIR, COPY and ADD destinations, paths a RUN names, and
 * the directories tools such as venv, poetry, pipx or pip install into. On an image whose files are
 * not known here, an entry is reported only when another stage of the file makes it, which is the
 * sign that it was meant to be copied over.
 */
final class PathCheck {

  private static final Set<String> STANDARD =
      Set.of(
          "/usr/local/sbin",
          "/usr/local/bin",
          "/usr/sbin",
          "/usr/bin",
          "/sbin",
          "/bin",
          "/usr/games",
          "/usr/local/games",
          "/snap/bin");
  // Too general to say anything about a directory below them when a RUN names them.
  private static final Set<String> TOP =
      Set.of(
          "/",
          "/usr",
          "/usr/local",
          "/opt",
          "/home",
          "/root",
          "/tmp",
          "/var",
          "/etc",
          "/srv",
          "/usr/lib",
          "/usr/share",
          "/var/lib",
          "/usr/local/lib",
          "/usr/local/share");
  private static final Pattern ABSOLUTE = Pattern.compile("(?<![\\w.$}])/[A-Za-z0-9._@+/-]*");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)\\}?");

  private PathCheck() {}

  static void pathEntryMissing(CheckSubject s, Findings out) {
    Optional<PlanModel> model = PlanModel.of(s);
    if (model.isEmpty()) {
      return;
    }
    PlanModel m = model.get();
    Map<PlannedStep, List<String>> made = new IdentityHashMap<>();
    for (PlannedStage stage : m.stages()) {
      if (m.isBase(stage)) {
        continue;
      }
      List<PlannedStep> chain = m.chainSteps(stage);
      boolean filesKnown = m.root(stage) instanceof StageBase.Scratch;
      Map<String, PlannedStep> introduced = introduced(chain);
      String finalPath = stage.env().getOrDefault("PATH", "");
      for (Map.Entry<String, PlannedStep> e : introduced.entrySet()) {
        String entry = e.getKey();
        if (!List.of(finalPath.split(":")).contains(entry)
            || STANDARD.contains(entry)
            || !entry.startsWith("/")
            || makes(s, made, chain, entry)) {
          continue;
        }
        Optional<PlannedStage> maker = Optional.empty();
        List<PlannedStage> own = m.chain(stage);
        for (PlannedStage other : m.stages()) {
          if (!own.contains(other) && makes(s, made, other.steps(), entry)) {
            maker = Optional.of(other);
            break;
          }
        }
        if (!filesKnown && maker.isEmpty()) {
          continue;
        }
        String also =
            maker
                .map(
                    o ->
                        " (stage "
                            + o.displayName()
                            + " makes it, but "
                            + stage.displayName()
                            + " neither builds on that stage nor copies the directory from it)")
                .orElse("");
        out.add(
            BerthRules.PATH_ENTRY_MISSING,
            InstallChecks.range(s, e.getValue()),
            "PATH entry "
                + entry
                + " does not exist in stage "
                + stage.displayName()
                + ": nothing in it or in the stages it builds on makes that directory"
                + also,
            maker
                .map(
                    o ->
                        "copy it in (COPY --from="
                            + o.displayName()
                            + " "
                            + entry
                            + " "
                            + entry
                            + ") or take it off PATH")
                .orElse("make the directory in this stage or take it off PATH"));
      }
    }
  }

  /** Each PATH entry an ENV of the chain added, with the step that added it first. */
  private static Map<String, PlannedStep> introduced(List<PlannedStep> chain) {
    Map<String, PlannedStep> out = new LinkedHashMap<>();
    for (PlannedStep step : chain) {
      if (!(step.instruction() instanceof Env env)) {
        continue;
      }
      List<String> before = List.of(step.env().getOrDefault("PATH", "").split(":"));
      for (KeyValue kv : env.pairs()) {
        if (!kv.key().equals("PATH")) {
          continue;
        }
        for (String entry : kv.value().split(":")) {
          String clean = entry.length() > 1 ? entry.replaceAll("/+$", "") : entry;
          if (!clean.isEmpty() && !before.contains(clean) && !before.contains(entry)) {
            out.putIfAbsent(clean, step);
          }
        }
      }
    }
    return out;
  }

  /** Whether one of the steps makes the directory (or something inside it). */
  static boolean makes(
      CheckSubject s, Map<PlannedStep, List<String>> made, List<PlannedStep> steps, String dir) {
    for (PlannedStep step : steps) {
      String wd = step.workdir().isEmpty() ? "/" : step.workdir();
      if (step.instruction() instanceof Workdir w) {
        if (UnixPath.isUnder(UnixPath.resolve(wd, w.path()), dir)) {
          return true;
        }
      } else if (step.instruction() instanceof Copy c) {
        if (UnixPath.overlaps(dir, UnixPath.resolve(wd, c.destination()))) {
          return true;
        }
      } else if (step.instruction() instanceof Add a) {
        if (UnixPath.overlaps(dir, UnixPath.resolve(wd, a.destination()))) {
          return true;
        }
      } else if (step.instruction() instanceof Run r) {
        for (String path : made.computeIfAbsent(step, st -> madeByRun(s, r, st))) {
          if (UnixPath.isUnder(path, dir) || (!TOP.contains(path) && UnixPath.isUnder(dir, path))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The absolute paths a RUN names, and the directories the tools it runs install into. */
  private static List<String> madeByRun(CheckSubject s, Run r, PlannedStep step) {
    Map<String, String> env = step.env();
    String wd = step.workdir().isEmpty() ? "/" : step.workdir();
    ShellScript script = s.script(r);
    String text = expand(script.text(), env);
    List<String> made = new ArrayList<>();
    Matcher m = ABSOLUTE.matcher(text);
    while (m.find()) {
      String p = m.group().replaceAll("/+$", "");
      if (!p.isEmpty()) {
        made.add(UnixPath.resolve("/", p));
      }
    }
    String home = env.getOrDefault("HOME", "/root");
    if (!script.running("pipx").isEmpty()) {
      made.add(env.getOrDefault("PIPX_BIN_DIR", home + "/.local/bin"));
      made.add(env.getOrDefault("PIPX_HOME", home + "/.local/share/pipx"));
    }
    if (!script.invoking("poetry", "install").isEmpty()) {
      made.add(
          InstallChecks.isTrue(env.get("POETRY_VIRTUALENVS_IN_PROJECT"))
              ? UnixPath.resolve(wd, ".venv/bin")
              : env.getOrDefault("POETRY_VIRTUALENVS_PATH", home + "/.cache/pypoetry"));
    }
    if (!script.invoking("uv", "sync").isEmpty() || !script.invoking("uv", "venv").isEmpty()) {
      made.add(UnixPath.resolve(wd, env.getOrDefault("UV_PROJECT_ENVIRONMENT", ".venv") + "/bin"));
    }
    for (List<String> c : script.commands()) {
      boolean venv =
          c.size() >= 4
              && ShellScript.program(c.get(0)).matches("python[0-9.]*")
              && c.get(1).equals("-m")
              && c.get(2).matches("venv|virtualenv");
      if (venv || (!c.isEmpty() && ShellScript.program(c.get(0)).equals("virtualenv"))) {
        String last = c.get(c.size() - 1);
        made.add(UnixPath.resolve(wd, last) + "/bin");
      }
    }
    for (List<String> c : script.invoking("pip", "install")) {
      if (c.contains("--user")) {
        made.add(home + "/.local/bin");
      }
    }
    if (!script.running("cargo").isEmpty()) {
      made.add(env.getOrDefault("CARGO_HOME", home + "/.cargo") + "/bin");
    }
    if (!script.invoking("go", "install").isEmpty()) {
      made.add(env.getOrDefault("GOPATH", home + "/go") + "/bin");
    }
    return made;
  }

  private static String expand(String text, Map<String, String> env) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = env.get(m.group(1));
      m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? m.group() : v));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
