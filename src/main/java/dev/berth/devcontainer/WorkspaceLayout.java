package dev.berth.devcontainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The default workspace folder and mount, computed as the reference CLI computes them: the git root
 * of the workspace folder (or the folder itself) is bound at {@code /workspaces/<its name>}, and
 * the container works in the workspace folder's place below that.
 */
final class WorkspaceLayout {

  /** The workspace values before variables are substituted. */
  record Defaults(String workspaceFolder, String workspaceMount) {}

  private WorkspaceLayout() {}

  /**
   * From the file as written: a {@code workspaceFolder} or {@code workspaceMount} it sets is kept
   * (to be substituted with the rest), and the missing ones are computed.
   *
   * @param workspaceMount null for compose, where the compose file mounts the workspace
   */
  static Defaults defaults(ObjectNode raw, Path folder, boolean mountGitRoot, GitRoot gitRoot) {
    JsonNode wf = raw.get("workspaceFolder");
    String folderValue = wf != null && wf.isTextual() ? wf.textValue() : null;
    if (raw.has("dockerComposeFile")) {
      return new Defaults(folderValue == null || folderValue.isEmpty() ? "/" : folderValue, null);
    }
    JsonNode wm = raw.get("workspaceMount");
    String mountValue = wm != null && wm.isTextual() ? wm.textValue() : null;
    boolean hasMount = raw.has("workspaceMount");
    if (folderValue != null && !folderValue.isEmpty() && hasMount) {
      return new Defaults(folderValue, mountValue);
    }
    Path root = mountGitRoot ? gitRoot.of(folder).orElse(folder) : folder;
    String base = posixJoin("/workspaces", Variables.basename(root.toString()));
    String containerFolder = folderValue;
    if (containerFolder == null || containerFolder.isEmpty()) {
      containerFolder = posixJoin(base, root.relativize(folder).toString());
    }
    String mount = mountValue;
    if (!hasMount) {
      mount = "type=bind," + quoted("source=" + root) + "," + quoted("target=" + base);
    }
    return new Defaults(containerFolder, mount);
  }

  /** The reference CLI quotes a {@code --mount} field that holds a comma. */
  private static String quoted(String field) {
    return field.indexOf(',') >= 0 ? "\"" + field + "\"" : field;
  }

  /** {@code path.posix.join}: joined with slashes and normalised. */
  static String posixJoin(String a, String b) {
    String joined = b.isEmpty() ? a : a + "/" + b;
    Deque<String> parts = new ArrayDeque<>();
    for (String s : joined.split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        if (!parts.isEmpty()) {
          parts.removeLast();
        }
      } else {
        parts.addLast(s);
      }
    }
    return "/" + String.join("/", parts);
  }
}
