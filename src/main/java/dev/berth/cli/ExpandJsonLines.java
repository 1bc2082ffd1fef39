package dev.berth.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.app.ExpandOutcome;
import dev.berth.app.ExpandService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON-lines protocol of {@code berth debug expand}: one request object per input line, one
 * answer object per request, flushed at once so a caller can talk to it line by line. A line that
 * is not a valid request gets an error answer; it never stops the stream.
 */
final class ExpandJsonLines {

  /** A request line that is not what the protocol asks for. */
  private static final class BadRequest extends Exception {
    BadRequest(String message) {
      super(message);
    }
  }

  private record Request(String word, Map<String, String> env, boolean words, char escape) {}

  private final ExpandService service;
  private final ObjectMapper json;
  private final Map<String, String> baseEnv;
  private final char escape;
  private final boolean words;

  ExpandJsonLines(
      ExpandService service,
      ObjectMapper json,
      Map<String, String> baseEnv,
      char escape,
      boolean words) {
    this.service = service;
    this.json = json;
    this.baseEnv = Map.copyOf(baseEnv);
    this.escape = escape;
    this.words = words;
  }

  void run(BufferedReader in, PrintWriter out) throws IOException {
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.isBlank()) {
        continue;
      }
      out.println(json.writeValueAsString(answer(line)));
      out.flush();
    }
  }

  private ObjectNode answer(String line) {
    ObjectNode answer = json.createObjectNode();
    Request request;
    try {
      request = parse(line);
    } catch (BadRequest e) {
      return answer.put("error", "bad request: " + e.getMessage());
    }
    ExpandOutcome outcome =
        service.expand(request.word(), request.env(), request.words(), request.escape());
    if (outcome instanceof ExpandOutcome.Value v) {
      return answer.put("result", v.value());
    }
    if (outcome instanceof ExpandOutcome.Words w) {
      w.words().forEach(answer.putArray("words")::add);
      return answer;
    }
    if (outcome instanceof ExpandOutcome.Failure f) {
      return answer.put("error", f.message());
    }
    throw new AssertionError(outcome);
  }

  private Request parse(String line) throws BadRequest {
    JsonNode node;
    try {
      node = json.readTree(line);
    } catch (JsonProcessingException e) {
      throw new BadRequest("not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new BadRequest("expected a JSON object");
    }
    JsonNode word = node.get("word");
    if (word == null || !word.isTextual()) {
      throw new BadRequest("\"word\" must be a string");
    }
    Map<String, String> env = new LinkedHashMap<>(baseEnv);
    JsonNode envNode = node.get("env");
    if (envNode != null && !envNode.isNull()) {
      if (!envNode.isObject()) {
        throw new BadRequest("\"env\" must be an object of strings");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = envNode.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isNull()) {
          // null means unset, even if --env set it.
          env.remove(e.getKey());
        } else if (e.getValue().isTextual()) {
          env.put(e.getKey(), e.getValue().textValue());
        } else {
          throw new BadRequest("\"env\" value of " + e.getKey() + " must be a string or null");
        }
      }
    }
    boolean split = words;
    JsonNode wordsNode = node.get("words");
    if (wordsNode != null && !wordsNode.isNull()) {
      if (!wordsNode.isBoolean()) {
        throw new BadRequest("\"words\" must be true or false");
      }
      split = wordsNode.booleanValue();
    }
    char esc = escape;
    JsonNode escapeNode = node.get("escape");
    if (escapeNode != null && !escapeNode.isNull()) {
      String s = escapeNode.isTextual() ? escapeNode.textValue() : "";
      if (s.length() != 1 || !ExpandService.isEscapeToken(s.charAt(0))) {
        throw new BadRequest("\"escape\" must be \"\\\\\" or \"`\"");
      }
      esc = s.charAt(0);
    }
    return new Request(word.textValue(), env, split, esc);
  }
}
