package dev.berth.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.devcontainer.ConfigLoader;
import dev.berth.devcontainer.DevContainerConfig;
import dev.berth.devcontainer.GitRoot;
import dev.berth.devcontainer.JsoncDocument;
import dev.berth.devcontainer.LoadedConfig;
import dev.berth.devcontainer.Scenario;
import dev.berth.diag.BerthException;
import dev.berth.diag.Diagnostic;
import dev.berth.diag.SourceRange;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A devcontainer.json as the check reads it: loaded by berth's devcontainer reader (variables of
 * the local phase substituted, the workspace defaults computed), with its places named as the
 * report names the file.
 */
final class DevContainerFile {

  /** The file read, or why it could not be. */
  record Loaded(Optional<DevContainerFile> file, String name, List<Diagnostic> errors) {}

  private final LoadedConfig loaded;
  private final String name;
  private final SourceNames names;

  private DevContainerFile(LoadedConfig loaded, String name, SourceNames names) {
    this.loaded = loaded;
    this.name = name;
    this.names = names;
  }

  /**
   * Reads a devcontainer.json.
   *
   * @param workspace the folder it is the dev container of
   * @param environment what {@code ${localEnv:...}} reads
   */
  static Loaded load(
      Path file, Path workspace, Map<String, String> environment, SourceNames names) {
    String name = names.name(file);
    try {
      // The default workspace mount is the folder itself: no git is asked where its root is.
      LoadedConfig loaded =
          new ConfigLoader(environment, GitRoot.NONE)
              .load(
                  new ConfigLoader.Request(
                      workspace.toAbsolutePath().normalize(),
                      Optional.of(file.toAbsolutePath().normalize()),
                      false));
      return new Loaded(Optional.of(new DevContainerFile(loaded, name, names)), name, List.of());
    } catch (BerthException e) {
      List<Diagnostic> errors = new ArrayList<>();
      e.diagnostics().forEach(d -> errors.add(names.diagnostic(d)));
      if (errors.isEmpty()) {
        errors.add(Diagnostic.error(e.code(), e.getMessage(), SourceRange.file(name)));
      }
      return new Loaded(Optional.empty(), name, errors);
    } catch (IOException e) {
      return new Loaded(
          Optional.empty(),
          name,
          List.of(
              Diagnostic.error(
                  "devcontainer-read",
                  "cannot read " + name + ": " + e.getMessage(),
                  SourceRange.file(name))));
    }
  }

  String name() {
    return name;
  }

  DevContainerConfig config() {
    return loaded.config();
  }

  /** The file as written, before any variable is substituted. */
  JsonNode raw() {
    return loaded.rawJson();
  }

  /** The file with the variables of the local phase substituted. */
  JsonNode substituted() {
    return loaded.json();
  }

  /** Whether the file writes a value at a JSON pointer. */
  boolean has(String pointer) {
    return !raw().at(pointer).isMissingNode();
  }

  /** Where the value at a JSON pointer starts (the nearest written one, else the file). */
  SourceRange range(String pointer) {
    return names.range(loaded.document().rangeOf(pointer));
  }

  /** Where the property a pointer ends in is named. */
  SourceRange nameRange(String pointer) {
    return names.range(loaded.document().nameRangeOf(pointer));
  }

  /** The user the dev container's tools run as, when the file names one. */
  Optional<String> user() {
    return config().metadata().remoteUser().or(() -> config().metadata().containerUser());
  }

  /** The build a Dockerfile dev container asks for; empty for image and compose ones. */
  Optional<BuildUse> build() {
    if (!(config().scenario() instanceof Scenario.Dockerfile d)) {
      return Optional.empty();
    }
    String at = has("/build/dockerfile") || has("/build/dockerFile") ? "/build" : "/dockerFile";
    SourceRange range = range(at);
    SourceRange targetRange = has("/build/target") ? range("/build/target") : range;
    List<BuildUse.Arg> args = new ArrayList<>();
    d.args()
        .forEach(
            (k, v) ->
                args.add(
                    new BuildUse.Arg(
                        k, Optional.of(v), nameRange(JsoncDocument.child("/build/args", k)))));
    return Optional.of(
        new BuildUse(
            "the dev container",
            d.dockerfile().toAbsolutePath().normalize(),
            d.context().toAbsolutePath().normalize(),
            d.target(),
            targetRange,
            args,
            user(),
            range));
  }
}
