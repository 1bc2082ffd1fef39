package dev.berth.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The error body of the distribution spec, {@code {"errors": [{"code", "message", "detail"}]}}, or
 * whatever text a registry or proxy sent instead.
 */
record ErrorBody(List<String> codes, List<String> messages, String text) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static ErrorBody parse(byte[] body) {
    List<String> codes = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    try {
      JsonNode n = JSON.readTree(body);
      if (n != null) {
        for (JsonNode e : n.path("errors")) {
          codes.add(e.path("code").asText(""));
          messages.add(e.path("message").asText(""));
        }
        // Token servers answer OAuth-style: {"error": "...", "error_description": "..."}.
        if (codes.isEmpty() && n.has("details")) {
          messages.add(n.path("details").asText(""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not JSON: keep the text.
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (text.length() > 200) {
      text = text.substring(0, 200) + "...";
    }
    return new ErrorBody(codes, messages, text);
  }

  /** The first error code the registry sent. */
  Optional<String> code() {
    return codes.stream().filter(c -> !c.isEmpty()).findFirst();
  }

  /** {@code MANIFEST_UNKNOWN: manifest unknown (HTTP 404)}. */
  String describe(int status) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < Math.max(codes.size(), messages.size()); i++) {
      String c = i < codes.size() ? codes.get(i) : "";
      String m = i < messages.size() ? messages.get(i) : "";
      parts.add(c.isEmpty() ? m : m.isEmpty() ? c : c + ": " + m);
    }
    String said = parts.isEmpty() ? text : String.join("; ", parts);
    return (said.isEmpty() ? "" : said + " ") + "(HTTP " + status + ")";
  }
}
