package dev.berth.devcontainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A lifecycle command in one of its three forms: a string for {@code /bin/sh -c}, an array run as
 * it is, or an object whose named commands run in parallel.
 */
public sealed interface LifecycleCommand {

  /** A command that is one process: the string and array forms. */
  sealed interface Single extends LifecycleCommand {
    /** The process to run: {@code /bin/sh -c script} or the array as given. */
    List<String> argv();
  }

  /** A command given as one string, run by {@code /bin/sh -c}. */
  record Shell(String script) implements Single {
    public Shell {
      Objects.requireNonNull(script, "script");
    }

    @Override
    public List<String> argv() {
      return List.of("/bin/sh", "-c", script);
    }

    @Override
    public boolean isEmpty() {
      return script.isBlank();
    }

    @Override
    public JsonNode toJson() {
      return Json.NODES.textNode(script);
    }
  }

  /** A command given as an array: the program and its arguments, with no shell. */
  record Exec(List<String> args) implements Single {
    public Exec {
      args = List.copyOf(args);
    }

    @Override
    public List<String> argv() {
      return args;
    }

    @Override
    public boolean isEmpty() {
      return args.isEmpty();
    }

    @Override
    public JsonNode toJson() {
      ArrayNode a = Json.array();
      args.forEach(a::add);
      return a;
    }
  }

  /** Named commands that run at the same time; the hook is done when all of them are. */
  record Parallel(Map<String, Single> commands) implements LifecycleCommand {
    public Parallel {
      Map<String, Single> copy = new LinkedHashMap<>();
      commands.forEach(
          (name, c) -> copy.put(Objects.requireNonNull(name), Objects.requireNonNull(c)));
      commands = Collections.unmodifiableMap(copy);
    }

    @Override
    public boolean isEmpty() {
      return commands.values().stream().allMatch(LifecycleCommand::isEmpty);
    }

    @Override
    public JsonNode toJson() {
      ObjectNode o = Json.object();
      commands.forEach((k, v) -> o.set(k, v.toJson()));
      return o;
    }
  }

  /** True when there is nothing to run (an empty string or array), which hooks skip. */
  boolean isEmpty();

  /** The command in the form devcontainer.json writes it. */
  JsonNode toJson();

  /** Reads a command at {@code pointer}; reports and returns null when it has none of the forms. */
  static LifecycleCommand read(JsonNode v, String pointer, Findings findings) {
    if (v.isTextual()) {
      return new Shell(v.textValue());
    }
    if (v.isArray()) {
      return readArray(v, pointer, findings);
    }
    if (v.isObject()) {
      Map<String, Single> commands = new LinkedHashMap<>();
      for (var it = v.fields(); it.hasNext(); ) {
        var e = it.next();
        String p = JsoncDocument.child(pointer, e.getKey());
        JsonNode c = e.getValue();
        if (c.isTextual()) {
          commands.put(e.getKey(), new Shell(c.textValue()));
        } else if (c.isArray()) {
          Exec exec = readArray(c, p, findings);
          if (exec != null) {
            commands.put(e.getKey(), exec);
          }
        } else {
          findings.error(
              p,
              "bad-command",
              "expected a command string or an array of strings for '" + e.getKey() + "'");
        }
      }
      return new Parallel(commands);
    }
    findings.error(
        pointer,
        "bad-command",
        "expected a command: a string, an array of strings, or an object of named commands");
    return null;
  }

  private static Exec readArray(JsonNode v, String pointer, Findings findings) {
    List<String> args = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode a = v.get(i);
      if (!a.isTextual()) {
        findings.error(
            JsoncDocument.child(pointer, i),
            "bad-command",
            "expected a string in the command array");
        return null;
      }
      args.add(a.textValue());
    }
    return new Exec(args);
  }
}
