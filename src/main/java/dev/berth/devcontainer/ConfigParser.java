package dev.berth.devcontainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns a substituted devcontainer.json tree into a {@link DevContainerConfig}. */
final class ConfigParser {

  /** Every top-level property the specification defines. */
  static final Set<String> KNOWN =
      Set.of(
          "$schema",
          "name",
          "image",
          "build",
          "dockerFile",
          "context",
          "dockerComposeFile",
          "service",
          "runServices",
          "workspaceFolder",
          "workspaceMount",
          "mounts",
          "containerEnv",
          "remoteEnv",
          "containerUser",
          "remoteUser",
          "updateRemoteUserUID",
          "userEnvProbe",
          "overrideCommand",
          "init",
          "privileged",
          "capAdd",
          "securityOpt",
          "forwardPorts",
          "portsAttributes",
          "otherPortsAttributes",
          "appPort",
          "runArgs",
          "shutdownAction",
          "waitFor",
          "hostRequirements",
          "customizations",
          "features",
          "overrideFeatureInstallOrder",
          "secrets",
          "initializeCommand",
          "onCreateCommand",
          "updateContentCommand",
          "postCreateCommand",
          "postStartCommand",
          "postAttachCommand");

  private static final Set<String> BUILD_KNOWN =
      Set.of("dockerfile", "context", "target", "args", "cacheFrom", "options");

  private final JsoncDocument doc;
  private final Findings findings;

  ConfigParser(JsoncDocument doc, Findings findings) {
    this.doc = doc;
    this.findings = findings;
  }

  /** The typed configuration, or null when {@code findings} holds the errors that stop it. */
  DevContainerConfig parse(
      ObjectNode config,
      Path configFile,
      Path workspaceFolder,
      Workspace workspace,
      Map<String, String> hostEnv) {
    config
        .fieldNames()
        .forEachRemaining(
            k -> {
              if (!KNOWN.contains(k)) {
                findings.warningAt(
                    doc.nameRangeOf(JsoncDocument.child("", k)),
                    "unknown-property",
                    "unknown property '" + k + "' is ignored");
              }
            });
    Fields f = new Fields(config, "", findings);
    Optional<String> name = f.string("name");
    Scenario scenario = scenario(config, f, configFile);
    if (scenario == null) {
      // Every way to get here has reported an error, which the caller throws.
      return null;
    }
    if (!(scenario instanceof Scenario.Compose) && config.has("dockerComposeFile")) {
      findings.warningAt(
          doc.nameRangeOf("/dockerComposeFile"),
          "ignored-property",
          "dockerComposeFile is ignored: the configuration names an image or a Dockerfile");
    }
    MetadataEntry metadata =
        MetadataEntry.read(
            MetadataEntry.pick(config, MetadataEntry.CONFIG_PROPERTIES), "", findings);
    if (config.has("hostRequirements")) {
      findings.warningAt(
          doc.nameRangeOf("/hostRequirements"),
          "host-requirements",
          "hostRequirements are not checked by berth; make sure this machine meets them");
    }
    Optional<LifecycleCommand> initialize =
        f.node("initializeCommand")
            .map(v -> LifecycleCommand.read(v, "/initializeCommand", findings));
    List<String> runArgList = f.strings("runArgs");
    RunArgs runArgs = RunArgs.NONE;
    try {
      runArgs = RunArgs.parse(runArgList, hostEnv);
    } catch (RunArgs.BadRunArgException e) {
      findings.error(JsoncDocument.child("/runArgs", e.index()), "bad-run-arg", e.getMessage());
    }
    return new DevContainerConfig(
        configFile,
        name,
        scenario,
        workspace,
        metadata,
        initialize,
        runArgs,
        appPorts(f),
        features(f, configFile, workspaceFolder),
        f.strings("overrideFeatureInstallOrder"),
        berth(config));
  }

  private Scenario scenario(ObjectNode config, Fields f, Path configFile) {
    Path folder = configFile.toAbsolutePath().getParent();
    Optional<ObjectNode> build = f.object("build");
    build.ifPresent(
        b ->
            b.fieldNames()
                .forEachRemaining(
                    k -> {
                      if (!BUILD_KNOWN.contains(k)) {
                        findings.warningAt(
                            doc.nameRangeOf(JsoncDocument.child("/build", k)),
                            "unknown-property",
                            "unknown property 'build." + k + "' is ignored");
                      }
                    }));
    Fields bf = new Fields(build.orElse(Json.object()), "/build", findings);
    boolean legacy = config.has("dockerFile");
    Optional<String> dockerfile = legacy ? f.string("dockerFile") : bf.string("dockerfile");
    boolean dockerfileConfig = legacy || bf.has("dockerfile");
    if (dockerfileConfig) {
      if (dockerfile.isEmpty()) {
        return null;
      }
      if (config.has("image")) {
        findings.warningAt(
            doc.nameRangeOf("/image"),
            "ignored-property",
            "image is ignored: the image is built from the Dockerfile");
      }
      Path file = folder.resolve(dockerfile.get()).normalize();
      Optional<String> context = legacy ? f.string("context") : bf.string("context");
      Path contextDir = context.map(c -> folder.resolve(c).normalize()).orElse(file.getParent());
      return new Scenario.Dockerfile(
          file,
          contextDir,
          bf.string("target"),
          bf.stringMap("args"),
          bf.stringOrStrings("cacheFrom"),
          bf.strings("options"));
    }
    if (config.has("build") && !bf.has("dockerfile")) {
      findings.error(
          "/build", "no-dockerfile", "build: expected \"dockerfile\", the Dockerfile to build");
      return null;
    }
    if (config.has("image")) {
      Optional<String> image = f.string("image");
      if (image.isPresent() && image.get().isBlank()) {
        findings.error("/image", "bad-value", "image: expected an image name");
        return null;
      }
      return image.map(Scenario.Image::new).orElse(null);
    }
    if (config.has("dockerComposeFile")) {
      List<Path> files =
          f.stringOrStrings("dockerComposeFile").stream()
              .map(s -> folder.resolve(s).normalize())
              .toList();
      Optional<String> service = f.string("service");
      if (service.isEmpty()) {
        findings.error(
            "/dockerComposeFile",
            "no-service",
            "dockerComposeFile needs \"service\": the compose service that is the dev container");
        return null;
      }
      return new Scenario.Compose(files, service.get(), f.strings("runServices"));
    }
    findings.error(
        "",
        "no-scenario",
        "the configuration is missing one of \"image\", \"build.dockerfile\" (or \"dockerFile\")"
            + " and \"dockerComposeFile\"");
    return null;
  }

  private List<PublishedPort> appPorts(Fields f) {
    Optional<JsonNode> v = f.node("appPort");
    if (v.isEmpty()) {
      return List.of();
    }
    List<JsonNode> items = new ArrayList<>();
    if (v.get().isArray()) {
      v.get().forEach(items::add);
    } else {
      items.add(v.get());
    }
    List<PublishedPort> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      try {
        out.add(PublishedPort.read(items.get(i)));
      } catch (IllegalArgumentException e) {
        String p = v.get().isArray() ? JsoncDocument.child("/appPort", i) : "/appPort";
        findings.error(p, "bad-port", "appPort: " + e.getMessage());
      }
    }
    return out;
  }

  private List<FeatureRequest> features(Fields f, Path configFile, Path workspaceFolder) {
    List<FeatureRequest> out = new ArrayList<>();
    f.objectEntries("features")
        .forEach(
            (id, options) -> {
              String p = JsoncDocument.child("/features", id);
              if (!(options.isObject() || options.isTextual() || options.isBoolean())) {
                findings.error(
                    p,
                    "bad-feature-options",
                    "Feature '"
                        + id
                        + "': expected an object of options, a version string or true");
                return;
              }
              if (options.isObject()) {
                options
                    .fields()
                    .forEachRemaining(
                        o -> {
                          JsonNode val = o.getValue();
                          if (!(val.isTextual() || val.isBoolean())) {
                            findings.error(
                                JsoncDocument.child(p, o.getKey()),
                                "bad-feature-options",
                                "Feature '"
                                    + id
                                    + "': option '"
                                    + o.getKey()
                                    + "' must be a string or a boolean");
                          }
                        });
              }
              try {
                out.add(
                    new FeatureRequest(
                        FeatureReference.parse(id, configFile, workspaceFolder), options));
              } catch (IllegalArgumentException e) {
                findings.error(p, "unsupported-feature", "Feature '" + id + "': " + e.getMessage());
              }
            });
    return out;
  }

  private BerthCustomizations berth(ObjectNode config) {
    JsonNode b = config.path("customizations").path("berth");
    if (b.isMissingNode()) {
      return BerthCustomizations.NONE;
    }
    String p = "/customizations/berth";
    if (!b.isObject()) {
      findings.error(p, "bad-type", "customizations.berth: expected an object");
      return BerthCustomizations.NONE;
    }
    b.fieldNames()
        .forEachRemaining(
            k -> {
              if (!k.equals("chownPaths")) {
                findings.warningAt(
                    doc.nameRangeOf(JsoncDocument.child(p, k)),
                    "unknown-property",
                    "unknown property 'customizations.berth." + k + "' is ignored");
              }
            });
    List<String> paths = new Fields((ObjectNode) b, p, findings).strings("chownPaths");
    for (int i = 0; i < paths.size(); i++) {
      if (!paths.get(i).startsWith("/")) {
        findings.error(
            JsoncDocument.child(p + "/chownPaths", i),
            "bad-path",
            "customizations.berth.chownPaths: '" + paths.get(i) + "' is not an absolute path");
      }
    }
    return new BerthCustomizations(paths);
  }
}
