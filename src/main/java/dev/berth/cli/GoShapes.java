package dev.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.berth.cli.format.GoStruct;
import dev.berth.cli.format.TypedNull;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Marks the Go types docker's inspect objects have where JSON cannot tell them apart, so templates
 * print them as docker does: a {@code null} list or map field prints {@code []} or {@code map[]},
 * the empty values of {@code ExposedPorts} and {@code Volumes} and the structs {@code RootFS},
 * {@code State} and the like print as Go structs ({@code {}}, {@code {layers [...]}}).
 */
final class GoShapes {

  private static final Set<String> SLICES =
      Set.of("Env", "Cmd", "Entrypoint", "OnBuild", "Shell", "RepoTags", "RepoDigests", "Mounts");
  private static final Set<String> MAPS = Set.of("Volumes", "Labels", "ExposedPorts");
  private static final Set<String> STRUCTS = Set.of("RootFS", "Metadata", "GraphDriver", "State");

  private GoShapes() {}

  /** A copy of an inspect object with its Go types marked. */
  static ObjectNode of(ObjectNode inspect) {
    ObjectNode o = inspect.deepCopy();
    mark(o);
    JsonNode config = o.get("Config");
    if (config instanceof ObjectNode c) {
      mark(c);
      // Fields docker's JSON leaves out when empty are still there in its Go struct.
      c.putIfAbsent("ExposedPorts", TypedNull.MAP);
      c.putIfAbsent("Shell", TypedNull.SLICE);
      c.putIfAbsent("Healthcheck", NullNode.getInstance());
      c.putIfAbsent("ArgsEscaped", BooleanNode.FALSE);
      c.putIfAbsent("NetworkDisabled", BooleanNode.FALSE);
      c.putIfAbsent("MacAddress", TextNode.valueOf(""));
      c.putIfAbsent("StopSignal", TextNode.valueOf(""));
      c.putIfAbsent("StopTimeout", NullNode.getInstance());
      for (String set : new String[] {"ExposedPorts", "Volumes"}) {
        if (c.get(set) instanceof ObjectNode members) {
          Iterator<Map.Entry<String, JsonNode>> it = members.fields();
          while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue() instanceof ObjectNode v && v.isEmpty()) {
              e.setValue(new GoStruct());
            }
          }
        }
      }
    }
    return o;
  }

  private static void mark(ObjectNode o) {
    Iterator<Map.Entry<String, JsonNode>> it = o.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode v = e.getValue();
      if (v.isNull() && SLICES.contains(name)) {
        e.setValue(TypedNull.SLICE);
      } else if (v.isNull() && MAPS.contains(name)) {
        e.setValue(TypedNull.MAP);
      } else if (v instanceof ObjectNode struct && STRUCTS.contains(name)) {
        e.setValue(GoStruct.of(struct));
      }
    }
  }
}
