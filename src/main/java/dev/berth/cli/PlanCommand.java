package dev.berth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.app.PlanRequest;
import dev.berth.app.PlanService;
import dev.berth.app.PlanView;
import dev.berth.diag.BerthException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth plan}: shows what a build would do, without building. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Shows the stages a build would run, in order: each with its base, its ARG and ENV values as"
          + " resolved, its instructions with arguments expanded, and the stages it depends on.",
      "Only the stages the target needs are listed."
    },
    footer = {
      "",
      "Examples:",
      "  berth plan examples/python-poetry",
      "  berth plan --target builder --build-arg UID=1001 examples/python-poetry",
      "  berth plan -f build/Dockerfile --format json ."
    })
final class PlanCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin BuildInputOptions inputs;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "text (default) or json.",
      defaultValue = "text")
  Format format;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "CONTEXT",
      description = "The build context directory (default: the current directory).")
  Path context = Path.of(".");

  enum Format {
    text,
    json
  }

  @Override
  public Integer call() throws BerthException, Exception {
    Path dockerfile = inputs.dockerfile().orElse(context.resolve("Dockerfile"));
    PlanView plan =
        new PlanService().plan(dockerfile, new PlanRequest(inputs.target(), inputs.buildArgs()));
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    for (PlanView.WarningView w : plan.warnings()) {
      err.println(
          (w.line() > 0 ? w.file() + ":" + w.line() : w.file()) + ": warning: " + w.message());
    }
    if (format == Format.json) {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      out.println(mapper.writeValueAsString(json(plan, mapper)));
    } else {
      text(plan, out);
    }
    out.flush();
    err.flush();
    return ExitCodes.OK;
  }

  private static void text(PlanView plan, PrintWriter out) {
    out.println("Dockerfile: " + plan.file());
    out.println("target: " + plan.target());
    if (!plan.globalArgs().isEmpty()) {
      out.println("global ARGs (FROM lines only, unless a stage renews them):");
      plan.globalArgs().forEach(a -> out.println("  " + arg(a)));
    }
    for (PlanView.StageView s : plan.stages()) {
      out.println();
      out.println(
          "stage "
              + s.index()
              + s.name().map(n -> " \"" + n + "\"").orElse("")
              + ": FROM "
              + s.base()
              + " ("
              + s.baseKind()
              + ")"
              + s.platform().map(p -> " --platform=" + p).orElse(""));
      if (!s.baseConfigKnown()) {
        out.println("  note: the base image is not in the store, so its own ENV is not shown");
      }
      out.println(
          "  depends on: " + (s.dependsOn().isEmpty() ? "-" : String.join(", ", s.dependsOn())));
      if (!s.args().isEmpty()) {
        out.println("  ARG:");
        s.args().forEach(a -> out.println("    " + arg(a)));
      }
      out.println("  ENV:");
      s.env().forEach((k, v) -> out.println("    " + k + "=" + v));
      if (!s.workdir().isEmpty()) {
        out.println("  WORKDIR: " + s.workdir());
      }
      if (!s.user().isEmpty()) {
        out.println("  USER: " + s.user());
      }
      out.println("  steps:");
      for (PlanView.StepView step : s.steps()) {
        out.println(
            String.format(
                "    %4d  %s%s",
                step.line(), step.text(), step.trigger() ? "  (ONBUILD trigger)" : ""));
      }
    }
  }

  private static String arg(PlanView.ArgView a) {
    return a.name() + a.value().map(v -> "=" + v).orElse(" (unset)") + "  [" + a.source() + "]";
  }

  private static ObjectNode json(PlanView plan, ObjectMapper m) {
    ObjectNode root = m.createObjectNode();
    root.put("file", plan.file());
    root.put("target", plan.target());
    root.set("globalArgs", args(plan.globalArgs(), m));
    ArrayNode stages = root.putArray("stages");
    for (PlanView.StageView s : plan.stages()) {
      ObjectNode st = stages.addObject();
      st.put("index", s.index());
      st.put("name", s.name().orElse(null));
      ObjectNode base = st.putObject("base");
      base.put("kind", s.baseKind());
      base.put("name", s.base());
      base.put("configKnown", s.baseConfigKnown());
      st.put("platform", s.platform().orElse(null));
      ArrayNode deps = st.putArray("dependsOn");
      s.dependsOn().forEach(deps::add);
      st.set("args", args(s.args(), m));
      ObjectNode env = st.putObject("env");
      s.env().forEach(env::put);
      st.put("workdir", s.workdir());
      st.put("user", s.user());
      ArrayNode steps = st.putArray("steps");
      for (PlanView.StepView step : s.steps()) {
        ObjectNode o = steps.addObject();
        o.put("line", step.line());
        o.put("instruction", step.instruction());
        o.put("text", step.text());
        o.put("trigger", step.trigger());
      }
    }
    ArrayNode warnings = root.putArray("warnings");
    for (PlanView.WarningView w : plan.warnings()) {
      ObjectNode o = warnings.addObject();
      o.put("file", w.file());
      o.put("line", w.line());
      o.put("code", w.code());
      o.put("message", w.message());
    }
    return root;
  }

  private static ArrayNode args(List<PlanView.ArgView> args, ObjectMapper m) {
    ArrayNode a = m.createArrayNode();
    for (PlanView.ArgView v : args) {
      ObjectNode o = a.addObject();
      o.put("name", v.name());
      o.put("value", v.value().orElse(null));
      o.put("source", v.source());
    }
    return a;
  }
}
