package dev.berth.devcontainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.diag.BerthException;
import dev.berth.diag.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a workspace's devcontainer.json: finds it, parses it as JSON with comments, computes the
 * workspace defaults, substitutes the local variables and types the result.
 */
public final class ConfigLoader {

  /**
   * What to read.
   *
   * @param workspaceFolder the folder opened as the workspace
   * @param configFile a {@code --config} file; otherwise it is looked for in the workspace
   * @param mountGitRoot whether the default workspace mount is the git root (the reference CLI's
   *     {@code --mount-workspace-git-root}, on by default)
   */
  public record Request(Path workspaceFolder, Optional<Path> configFile, boolean mountGitRoot) {
    public Request {
      Objects.requireNonNull(workspaceFolder, "workspaceFolder");
      Objects.requireNonNull(configFile, "configFile");
    }

    public static Request of(Path workspaceFolder) {
      return new Request(workspaceFolder, Optional.empty(), true);
    }
  }

  private final Map<String, String> hostEnv;
  private final GitRoot gitRoot;

  /**
   * @param hostEnv the environment {@code ${localEnv:...}} reads (the process's own, normally)
   * @param gitRoot how the git root of the workspace is found
   */
  public ConfigLoader(Map<String, String> hostEnv, GitRoot gitRoot) {
    this.hostEnv = Map.copyOf(hostEnv);
    this.gitRoot = gitRoot;
  }

  /**
   * Finds and reads the config.
   *
   * @throws BerthException for a missing workspace or config, several configs, a syntax error, or a
   *     value the configuration may not have, each placed in the file
   */
  public LoadedConfig load(Request request) throws BerthException, IOException {
    Path folder = request.workspaceFolder().toAbsolutePath().normalize();
    Path file =
        ConfigLocator.locate(folder, request.configFile().map(p -> p.toAbsolutePath().normalize()));
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return read(folder, file, request.configFile().isPresent(), text, request.mountGitRoot());
  }

  /**
   * Reads a config whose text is already at hand.
   *
   * @param explicitConfig whether the file was named with {@code --config} rather than found
   */
  public LoadedConfig read(
      Path workspaceFolder,
      Path configFile,
      boolean explicitConfig,
      String text,
      boolean mountGitRoot)
      throws BerthException {
    JsoncDocument doc = JsoncDocument.parse(configFile.toString(), text);
    if (!doc.root().isObject()) {
      throw BerthException.error(
          "not-an-object", "the dev container config must be a JSON object", doc.rangeOf(""));
    }
    ObjectNode raw = movedLegacyProperties((ObjectNode) doc.root());
    WorkspaceLayout.Defaults defaults =
        WorkspaceLayout.defaults(raw, workspaceFolder, mountGitRoot, gitRoot);
    Variables.LocalContext context =
        new Variables.LocalContext(hostEnv, workspaceFolder.toString(), defaults.workspaceFolder());
    Findings findings = Findings.strict(doc);
    ObjectNode substituted = (ObjectNode) Variables.substituteLocal(raw, context, findings);
    DevContainerConfig config =
        typed(doc, substituted, configFile, workspaceFolder, defaults, hostEnv, findings);
    List<Diagnostic> warnings = findings.warningsOrThrow();
    return new LoadedConfig(
        workspaceFolder,
        configFile,
        explicitConfig,
        doc,
        raw,
        substituted,
        context,
        defaults,
        config,
        warnings);
  }

  /** The typed configuration; null only when {@code findings} holds errors. */
  static DevContainerConfig typed(
      JsoncDocument doc,
      ObjectNode substituted,
      Path configFile,
      Path workspaceFolder,
      WorkspaceLayout.Defaults defaults,
      Map<String, String> hostEnv,
      Findings findings) {
    Workspace workspace = workspace(substituted, workspaceFolder, defaults, findings);
    return new ConfigParser(doc, findings)
        .parse(substituted, configFile, workspaceFolder, workspace, hostEnv);
  }

  /** The workspace after substitution: values the file sets win over the computed defaults. */
  private static Workspace workspace(
      ObjectNode config, Path folder, WorkspaceLayout.Defaults defaults, Findings findings) {
    String containerFolder = defaults.workspaceFolder();
    JsonNode wf = config.get("workspaceFolder");
    if (wf != null && wf.isTextual()) {
      containerFolder = wf.textValue();
    } else if (wf != null) {
      findings.error("/workspaceFolder", "bad-type", "workspaceFolder: expected a string");
    }
    String mountText = defaults.workspaceMount();
    boolean fromFile = config.has("workspaceMount");
    if (fromFile) {
      JsonNode wm = config.get("workspaceMount");
      if (wm.isTextual()) {
        mountText = wm.textValue();
      } else {
        findings.error("/workspaceMount", "bad-type", "workspaceMount: expected a string");
        mountText = null;
      }
    }
    Optional<Mount> mount = Optional.empty();
    if (mountText != null && !mountText.isEmpty()) {
      try {
        mount = Optional.of(Mount.parse(mountText));
      } catch (IllegalArgumentException e) {
        findings.error("/workspaceMount", "bad-mount", "invalid workspaceMount: " + e.getMessage());
      }
    }
    return new Workspace(folder, containerFolder, Optional.ofNullable(mountText), mount);
  }

  /**
   * The reference CLI moves the old top-level VS Code properties ({@code extensions}, {@code
   * settings}, {@code devPort}) into {@code customizations.vscode}; so does berth.
   */
  static ObjectNode movedLegacyProperties(ObjectNode original) {
    boolean any =
        truthy(original.get("extensions"))
            || truthy(original.get("settings"))
            || original.has("devPort");
    if (!any) {
      return original;
    }
    ObjectNode copy = original.deepCopy();
    JsonNode c = copy.get("customizations");
    ObjectNode customizations;
    if (truthy(c) && c.isObject()) {
      customizations = (ObjectNode) c;
    } else {
      customizations = Json.object();
      copy.set("customizations", customizations);
    }
    JsonNode v = customizations.get("vscode");
    ObjectNode vscode;
    if (truthy(v) && v.isObject()) {
      vscode = (ObjectNode) v;
    } else {
      vscode = Json.object();
      customizations.set("vscode", vscode);
    }
    if (truthy(copy.get("extensions"))) {
      ArrayNode merged = Json.array();
      JsonNode existing = vscode.get("extensions");
      if (existing != null && existing.isArray()) {
        merged.addAll((ArrayNode) existing);
      }
      JsonNode added = copy.get("extensions");
      if (added.isArray()) {
        merged.addAll((ArrayNode) added);
      } else {
        merged.add(added);
      }
      vscode.set("extensions", merged);
      copy.remove("extensions");
    }
    if (truthy(copy.get("settings"))) {
      ObjectNode settings = Json.object();
      if (copy.get("settings").isObject()) {
        settings.setAll((ObjectNode) copy.get("settings"));
      }
      JsonNode existing = vscode.get("settings");
      if (existing != null && existing.isObject()) {
        settings.setAll((ObjectNode) existing);
      }
      vscode.set("settings", settings);
      copy.remove("settings");
    }
    if (copy.has("devPort") && !vscode.has("devPort")) {
      vscode.set("devPort", copy.get("devPort"));
      copy.remove("devPort");
    }
    return copy;
  }

  /** JavaScript's truthiness, which the reference CLI's checks use. */
  static boolean truthy(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return false;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isNumber()) {
      return v.doubleValue() != 0;
    }
    if (v.isTextual()) {
      return !v.textValue().isEmpty();
    }
    return true;
  }
}
