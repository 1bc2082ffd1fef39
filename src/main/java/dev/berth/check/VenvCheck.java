package dev.berth.check;

import dev.berth.dockerfile.Run;
import dev.berth.plan.PlannedStage;
import dev.berth.plan.PlannedStep;
import dev.berth.plan.StageBase;
import dev.berth.plan.op.CopyOp;
import dev.berth.plan.op.CopySource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * berth's VenvCopiedElsewhere: a virtual environment copied from the stage that made it to another
 * path, or onto another Python. A venv's scripts and {@code pyvenv.cfg} name the path it was made
 * at and the interpreter it was made with, so either change breaks it.
 */
final class VenvCheck {

  private static final Pattern PYTHON_TAG = Pattern.compile("([0-9]+)(\\.[0-9]+)?.*");
  private static final Set<String> WITHOUT_PYTHON =
      Set.of(
          "scratch",
          "alpine",
          "busybox",
          "debian",
          "ubuntu",
          "distroless/static",
          "distroless/base",
          "gcr.io/distroless/static",
          "gcr.io/distroless/base");

  private VenvCheck() {}

  /** A venv and the step that made it. */
  record Venv(String path, PlannedStep step) {}

  static void venvCopiedElsewhere(CheckSubject s, Findings out) {
    Optional<PlanModel> model = PlanModel.of(s);
    if (model.isEmpty()) {
      return;
    }
    PlanModel m = model.get();
    for (PlannedStage target : m.stages()) {
      for (PlannedStep step : target.steps()) {
        if (!(step.op() instanceof CopyOp op) || !(op.source() instanceof CopySource.Stage from)) {
          continue;
        }
        Optional<PlannedStage> source = m.stage(from.index());
        if (source.isEmpty()) {
          continue;
        }
        for (Venv venv : venvs(s, m, source.get())) {
          for (String src : op.sources()) {
            String path = UnixPath.resolve("/", src);
            if (!UnixPath.isUnder(venv.path(), path)) {
              continue;
            }
            String dest = UnixPath.resolve(op.workdir(), op.destination());
            String landing =
                venv.path().equals(path)
                    ? dest
                    : UnixPath.resolve(dest, venv.path().substring(path.length() + 1));
            Optional<String> problem = Optional.empty();
            if (!landing.equals(venv.path())) {
              problem =
                  Optional.of(
                      "lands at "
                          + landing
                          + ": its scripts and pyvenv.cfg still point to "
                          + venv.path());
            } else {
              problem = pythonMismatch(m, source.get(), target);
            }
            if (problem.isPresent()) {
              out.add(
                  BerthRules.VENV_COPIED_ELSEWHERE,
                  InstallChecks.range(s, step),
                  "the virtual environment made at "
                      + venv.path()
                      + " in stage "
                      + source.get().displayName()
                      + " (line "
                      + venv.step().instruction().range().startLine()
                      + ") "
                      + problem.get(),
                  "copy it to the same path, onto the same Python image it was made with (or"
                      + " make the venv in this stage)");
              break;
            }
          }
        }
      }
    }
  }

  /** The virtual environments the stage and the stages it builds on make, in step order. */
  static List<Venv> venvs(CheckSubject s, PlanModel m, PlannedStage stage) {
    List<Venv> out = new ArrayList<>();
    for (PlannedStep step : m.chainSteps(stage)) {
      if (!(step.instruction() instanceof Run r)) {
        continue;
      }
      ShellScript script = s.script(r);
      String wd = step.workdir().isEmpty() ? "/" : step.workdir();
      for (List<String> c : script.commands()) {
        List<String> w = c;
        if (w.size() >= 3
            && ShellScript.program(w.get(0)).matches("python[0-9.]*")
            && w.get(1).equals("-m")
            && (w.get(2).equals("venv") || w.get(2).equals("virtualenv"))) {
          lastArgument(w.subList(3, w.size()))
              .ifPresent(p -> out.add(new Venv(UnixPath.resolve(wd, expand(p, step)), step)));
        } else if (!w.isEmpty() && ShellScript.program(w.get(0)).equals("virtualenv")) {
          lastArgument(w.subList(1, w.size()))
              .ifPresent(p -> out.add(new Venv(UnixPath.resolve(wd, expand(p, step)), step)));
        } else if (w.size() >= 2
            && ShellScript.program(w.get(0)).equals("uv")
            && w.get(1).equals("venv")) {
          String p = lastArgument(w.subList(2, w.size())).orElse(".venv");
          out.add(new Venv(UnixPath.resolve(wd, expand(p, step)), step));
        }
      }
      boolean poetryInProject =
          InstallChecks.isTrue(step.env().get("POETRY_VIRTUALENVS_IN_PROJECT"))
              && !script.invoking("poetry", "install").isEmpty();
      if (poetryInProject) {
        out.add(new Venv(UnixPath.resolve(wd, ".venv"), step));
      }
    }
    return out;
  }

  private static Optional<String> lastArgument(List<String> words) {
    for (int i = words.size() - 1; i >= 0; i--) {
      if (!words.get(i).startsWith("-")) {
        return Optional.of(words.get(i));
      }
    }
    return Optional.empty();
  }

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)\\}?");

  private static String expand(String word, PlannedStep step) {
    Matcher mt = VARIABLE.matcher(word);
    StringBuilder sb = new StringBuilder();
    while (mt.find()) {
      mt.appendReplacement(sb, Matcher.quoteReplacement(step.env().getOrDefault(mt.group(1), "")));
    }
    mt.appendTail(sb);
    return sb.toString();
  }

  private static Optional<String> pythonMismatch(PlanModel m, PlannedStage from, PlannedStage to) {
    Optional<String> a = pythonOf(m.root(from));
    Optional<String> b = pythonOf(m.root(to));
    if (a.isPresent() && b.isPresent() && !a.get().equals(b.get())) {
      return Optional.of(
          "is copied onto Python " + b.get() + " but was made with Python " + a.get());
    }
    if (a.isPresent()
        && m.root(to) instanceof StageBase.Image img
        && WITHOUT_PYTHON.contains(ImageNames.repository(img.reference()))) {
      return Optional.of(
          "is copied onto "
              + img.reference()
              + ", which has no Python "
              + a.get()
              + " for its interpreter link");
    }
    if (a.isPresent() && m.root(to) instanceof StageBase.Scratch) {
      return Optional.of("is copied onto scratch, which has no Python for its interpreter link");
    }
    return Optional.empty();
  }

  /** The major.minor Python version of an official python image, when its tag tells it. */
  private static Optional<String> pythonOf(StageBase base) {
    if (!(base instanceof StageBase.Image img)) {
      return Optional.empty();
    }
    if (!ImageNames.repository(img.reference()).endsWith("python")) {
      return Optional.empty();
    }
    Optional<String> tag = ImageNames.tag(img.reference());
    if (tag.isEmpty()) {
      return Optional.empty();
    }
    Matcher mt = PYTHON_TAG.matcher(tag.get());
    return mt.matches() && mt.group(2) != null
        ? Optional.of(mt.group(1) + mt.group(2))
        : Optional.empty();
  }
}
