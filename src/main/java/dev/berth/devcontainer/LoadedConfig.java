package dev.berth.devcontainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.diag.BerthException;
import dev.berth.diag.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A devcontainer.json as read: the file's tree as written, the tree after variable substitution,
 * its typed form, and the warnings reading it gave. Later phases ({@link #withDevcontainerId},
 * {@link #withContainerEnv}) return a new value with those variables substituted too.
 */
public final class LoadedConfig {

  private final Path workspaceFolder;
  private final Path configFile;
  private final boolean explicitConfig;
  private final JsoncDocument document;
  private final ObjectNode raw;
  private final ObjectNode substituted;
  private final Variables.LocalContext context;
  private final WorkspaceLayout.Defaults workspaceDefaults;
  private final DevContainerConfig config;
  private final List<Diagnostic> warnings;

  LoadedConfig(
      Path workspaceFolder,
      Path configFile,
      boolean explicitConfig,
      JsoncDocument document,
      ObjectNode raw,
      ObjectNode substituted,
      Variables.LocalContext context,
      WorkspaceLayout.Defaults workspaceDefaults,
      DevContainerConfig config,
      List<Diagnostic> warnings) {
    this.workspaceFolder = workspaceFolder;
    this.configFile = configFile;
    this.explicitConfig = explicitConfig;
    this.document = document;
    this.raw = raw;
    this.substituted = substituted;
    this.context = context;
    this.workspaceDefaults = workspaceDefaults;
    this.config = config;
    this.warnings = List.copyOf(warnings);
  }

  public Path workspaceFolder() {
    return workspaceFolder;
  }

  public Path configFile() {
    return configFile;
  }

  /** True when the file was named ({@code --config}) rather than found in the workspace. */
  public boolean explicitConfig() {
    return explicitConfig;
  }

  /** The parsed file, for rendering diagnostics with their source lines. */
  public JsoncDocument document() {
    return document;
  }

  /** The typed configuration. */
  public DevContainerConfig config() {
    return config;
  }

  /** What reading the file warned about: unknown properties, unknown variables, and the like. */
  public List<Diagnostic> warnings() {
    return warnings;
  }

  /**
   * The file as written (with the legacy VS Code properties moved into {@code customizations}),
   * before any substitution: what goes into the metadata label of an image berth builds.
   */
  public ObjectNode rawJson() {
    return Json.copy(raw);
  }

  /** The file after the variables known so far are substituted. */
  public ObjectNode json() {
    return Json.copy(substituted);
  }

  Variables.LocalContext context() {
    return context;
  }

  /** The local substitution this file had, applied to other JSON (image metadata, Features). */
  JsonNode substituteLocal(JsonNode value, Findings findings) {
    return Variables.substituteLocal(value, context, findings);
  }

  /**
   * The configuration with {@code ${devcontainerId}} substituted: the phase before the container is
   * made, once its ID labels are known.
   *
   * @param devcontainerId {@link DevcontainerId#of} the container's ID labels
   */
  public LoadedConfig withDevcontainerId(String devcontainerId) throws BerthException {
    return reparse(
        (ObjectNode) Variables.substituteDevcontainerId(substituted, devcontainerId),
        Findings.strict(document));
  }

  /**
   * The configuration with {@code ${containerEnv:NAME}} substituted from the environment of the
   * running container: the phase after it exists.
   */
  public LoadedConfig withContainerEnv(Map<String, String> containerEnv) throws BerthException {
    Findings findings = Findings.strict(document);
    ObjectNode next =
        (ObjectNode) Variables.substituteContainerEnv(substituted, containerEnv, findings);
    return reparse(next, findings);
  }

  private LoadedConfig reparse(ObjectNode next, Findings findings) throws BerthException {
    DevContainerConfig typed =
        ConfigLoader.typed(
            document,
            next,
            configFile,
            workspaceFolder,
            workspaceDefaults,
            context.env(),
            findings);
    findings.warningsOrThrow();
    return new LoadedConfig(
        workspaceFolder,
        configFile,
        explicitConfig,
        document,
        raw,
        next,
        context,
        workspaceDefaults,
        typed,
        warnings);
  }
}
