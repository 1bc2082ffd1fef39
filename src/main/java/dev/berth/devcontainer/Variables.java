package dev.berth.devcontainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ${...}} variables of devcontainer.json, each substituted in its own phase, as the
 * reference CLI does: the local ones when the file is read, {@code ${devcontainerId}} once the ID
 * labels are known (before the container is made), {@code ${containerEnv:...}} once the container
 * exists. A variable of no phase is left as written, with a warning.
 *
 * <p>Unlike the reference CLI, a default value keeps everything after the name's colon: {@code
 * ${localEnv:URL:http://x}} defaults to {@code http://x}, not {@code http} (devcontainers/cli#719).
 */
final class Variables {

  /** JavaScript's {@code /\$\{(.*?)\}/g}: no nesting, and {@code .} stops at line ends. */
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^\\n\\r\\u2028\\u2029]*?)\\}");

  private static final Set<String> LATER = Set.of("containerEnv", "devcontainerId");

  /** What the local phase knows. */
  record LocalContext(
      Map<String, String> env, String localWorkspaceFolder, String containerWorkspaceFolder) {}

  private Variables() {}

  /** The local phase: {@code localEnv}, {@code env} and the workspace folders. */
  static JsonNode substituteLocal(JsonNode value, LocalContext ctx, Findings findings) {
    String cwf = ctx.containerWorkspaceFolder();
    if (cwf != null) {
      // The container folder may itself use variables; findings about it come from the tree walk.
      Findings ignored = Findings.lenient("workspaceFolder");
      LocalContext bare = new LocalContext(ctx.env(), ctx.localWorkspaceFolder(), null);
      cwf = substituteString(cwf, "", (ptr, m, v, a) -> local(bare, ptr, m, v, a, ignored));
    }
    LocalContext c = new LocalContext(ctx.env(), ctx.localWorkspaceFolder(), cwf);
    return walk(value, "", (ptr, m, v, a) -> local(c, ptr, m, v, a, findings));
  }

  /** The local phase on a single string, for values that are not part of a file's tree. */
  static String substituteLocal(String value, LocalContext ctx, Findings findings) {
    return substituteLocal(Json.NODES.textNode(value), ctx, findings).textValue();
  }

  /** The phase that knows the ID labels: {@code ${devcontainerId}}. */
  static JsonNode substituteDevcontainerId(JsonNode value, String devcontainerId) {
    return walk(
        value,
        "",
        (ptr, match, variable, args) -> variable.equals("devcontainerId") ? devcontainerId : match);
  }

  /** The phase after the container exists: {@code ${containerEnv:NAME[:default]}}. */
  static JsonNode substituteContainerEnv(
      JsonNode value, Map<String, String> containerEnv, Findings findings) {
    return walk(
        value,
        "",
        (ptr, match, variable, args) ->
            variable.equals("containerEnv")
                ? lookup(containerEnv, args, ptr, match, findings)
                : match);
  }

  private interface Replacer {
    String replace(String pointer, String match, String variable, List<String> args);
  }

  private static String local(
      LocalContext c,
      String pointer,
      String match,
      String variable,
      List<String> args,
      Findings findings) {
    return switch (variable) {
      case "env", "localEnv" -> lookup(c.env(), args, pointer, match, findings);
      case "localWorkspaceFolder" -> c.localWorkspaceFolder();
      case "localWorkspaceFolderBasename" -> basename(c.localWorkspaceFolder());
      case "containerWorkspaceFolder" ->
          c.containerWorkspaceFolder() == null ? match : c.containerWorkspaceFolder();
      case "containerWorkspaceFolderBasename" ->
          c.containerWorkspaceFolder() == null ? match : basename(c.containerWorkspaceFolder());
      default -> {
        if (!LATER.contains(variable)) {
          findings.warning(
              pointer, "unknown-variable", "unknown variable " + match + " is left as written");
        }
        yield match;
      }
    };
  }

  private static String lookup(
      Map<String, String> env, List<String> args, String pointer, String match, Findings findings) {
    if (args.isEmpty()) {
      findings.error(
          pointer,
          "variable-without-name",
          "'" + match + "' can not be resolved because no environment variable name is given");
      return match;
    }
    String v = env.get(args.get(0));
    if (v != null) {
      return v;
    }
    // devcontainers/cli#719: the default is all that follows the name, colons included.
    return args.size() > 1 ? String.join(":", args.subList(1, args.size())) : "";
  }

  /** {@code path.posix.basename}: the last segment, trailing slashes ignored. */
  static String basename(String path) {
    int end = path.length();
    while (end > 1 && path.charAt(end - 1) == '/') {
      end--;
    }
    if (end == 1 && path.charAt(0) == '/') {
      return "";
    }
    return path.substring(path.lastIndexOf('/', end - 1) + 1, end);
  }

  private static JsonNode walk(JsonNode v, String pointer, Replacer r) {
    if (v.isTextual()) {
      return Json.NODES.textNode(substituteString(v.textValue(), pointer, r));
    }
    if (v.isArray()) {
      ArrayNode out = Json.array();
      for (int i = 0; i < v.size(); i++) {
        out.add(walk(v.get(i), JsoncDocument.child(pointer, i), r));
      }
      return out;
    }
    if (v.isObject()) {
      ObjectNode out = Json.object();
      v.fields()
          .forEachRemaining(
              e ->
                  out.set(
                      e.getKey(), walk(e.getValue(), JsoncDocument.child(pointer, e.getKey()), r)));
      return out;
    }
    return v;
  }

  private static String substituteString(String s, String pointer, Replacer r) {
    if (s.indexOf("${") < 0) {
      return s;
    }
    Matcher m = VARIABLE.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String inner = m.group(1);
      String[] parts = inner.split(":", -1);
      String variable = parts[0];
      List<String> args = parts.length > 1 ? List.of(parts).subList(1, parts.length) : List.of();
      m.appendReplacement(
          out, Matcher.quoteReplacement(r.replace(pointer, m.group(), variable, args)));
    }
    m.appendTail(out);
    return out.toString();
  }
}
