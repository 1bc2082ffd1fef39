package dev.berth.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.diag.Diagnostic;
import java.io.UncheckedIOException;
import java.util.List;

/** The report as JSON, in the shape README.md documents under "berth check". */
public final class JsonReport {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  public static String render(List<CheckReport> reports) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("version", 1);
    ArrayNode files = root.putArray("files");
    ArrayNode findings = root.putArray("findings");
    ArrayNode errors = root.putArray("errors");
    for (CheckReport r : reports) {
      files.add(r.file());
      for (Finding f : r.findings()) {
        ObjectNode o = findings.addObject();
        o.put("rule", f.rule().name());
        o.put("origin", f.rule().origin().label());
        o.put("severity", f.severity().label());
        o.put("file", f.range().file());
        o.put("line", f.range().startLine());
        o.put("column", Math.max(1, f.range().startColumn()));
        o.put("endLine", f.range().endLine());
        o.put("endColumn", Math.max(1, f.range().endColumn()));
        o.put("message", f.message());
        o.put("fix", f.fix());
        o.put("url", f.rule().url());
      }
      for (Diagnostic d : r.errors()) {
        ObjectNode o = errors.addObject();
        o.put("code", d.code());
        o.put("file", d.range().file());
        o.put("line", d.range().startLine());
        o.put("column", d.range().startColumn());
        o.put("message", d.message());
      }
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
