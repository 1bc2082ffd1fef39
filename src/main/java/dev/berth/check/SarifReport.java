package dev.berth.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.diag.Diagnostic;
import dev.berth.diag.Severity;
import dev.berth.diag.SourceRange;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The report as a SARIF 2.1.0 log, which GitHub code scanning and IDEs read: one run whose tool
 * lists every rule (with its page as {@code helpUri} where it has an absolute one), and one result
 * per finding or error, located by file and region.
 */
public final class SarifReport {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  private SarifReport() {}

  public static String render(List<CheckReport> reports, List<Rule> rules, String version) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "berth check");
    driver.put("version", version);
    driver.put("informationUri", "https://docs.docker.com/reference/build-checks/");
    ArrayNode ruleArray = driver.putArray("rules");
    Map<String, Integer> index = new HashMap<>();
    for (Rule r : rules) {
      index.put(r.name(), ruleArray.size());
      ObjectNode o = ruleArray.addObject();
      o.put("id", r.name());
      o.put("name", r.name());
      o.putObject("shortDescription").put("text", r.description());
      o.putObject("help").put("text", r.description() + " See " + r.url());
      if (r.hasAbsoluteUrl()) {
        o.put("helpUri", r.url());
      }
      o.putObject("defaultConfiguration").put("level", level(r.severity()));
      ObjectNode props = o.putObject("properties");
      props
          .putArray("tags")
          .add(r.origin().label())
          .add(r.logic() instanceof ProjectRuleLogic ? "project" : "dockerfile");
      props.put("experimental", r.experimental());
    }
    ArrayNode results = run.putArray("results");
    ArrayNode artifacts = run.putArray("artifacts");
    for (CheckReport report : reports) {
      artifacts.addObject().putObject("location").put("uri", uri(report.file()));
      for (Finding f : report.findings()) {
        ObjectNode res = results.addObject();
        res.put("ruleId", f.rule().name());
        if (index.containsKey(f.rule().name())) {
          res.put("ruleIndex", index.get(f.rule().name()));
        }
        res.put("level", level(f.severity()));
        res.putObject("message").put("text", f.message() + ". Fix: " + f.fix() + ".");
        location(res, f.range());
        res.putObject("properties").put("fix", f.fix());
      }
      for (Diagnostic d : report.errors()) {
        ObjectNode res = results.addObject();
        res.put("ruleId", "berth/" + d.code());
        res.put("level", "error");
        res.putObject("message").put("text", d.message());
        location(res, d.range());
      }
    }
    run.put("columnKind", "utf16CodeUnits");
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void location(ObjectNode result, SourceRange r) {
    ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
    physical.putObject("artifactLocation").put("uri", uri(r.file()));
    if (r.hasLine()) {
      ObjectNode region = physical.putObject("region");
      region.put("startLine", r.startLine());
      region.put("startColumn", Math.max(1, r.startColumn()));
      region.put("endLine", Math.max(r.startLine(), r.endLine()));
      // SARIF's end column is one past the last character; ours is the last character.
      int end = Math.max(r.startColumn(), r.endColumn()) + 1;
      if (r.endLine() > r.startLine() || end > Math.max(1, r.startColumn())) {
        region.put("endColumn", r.endLine() > r.startLine() ? Math.max(1, r.endColumn() + 1) : end);
      }
    }
  }

  private static String uri(String file) {
    String f = file.replace('\\', '/');
    if (f.startsWith("./")) {
      f = f.substring(2);
    }
    return f.replace(" ", "%20");
  }

  private static String level(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }
}
