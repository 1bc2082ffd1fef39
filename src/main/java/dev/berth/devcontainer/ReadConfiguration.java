package dev.berth.devcontainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The JSON {@code devcontainer read-configuration} prints, so {@code berth dev read-configuration}
 * prints the same: {@code configuration}, {@code workspace}, and on request {@code
 * featuresConfiguration} and {@code mergedConfiguration}. The reference CLI's {@code
 * ociAuthDiagnostics} (about its own registry authentication) has no counterpart and is left out.
 */
public final class ReadConfiguration {

  /** The properties a merged configuration replaces by their collected forms. */
  private static final List<String> REPLACED =
      List.of(
          "customizations",
          "entrypoint",
          "onCreateCommand",
          "updateContentCommand",
          "postCreateCommand",
          "postStartCommand",
          "postAttachCommand",
          "shutdownAction");

  private ReadConfiguration() {}

  /**
   * The output object.
   *
   * @param features given with {@code --include-features-configuration}, and with {@code
   *     --include-merged-configuration} when there is no container; printed when there are any
   * @param chain given with {@code --include-merged-configuration}
   */
  public static ObjectNode render(
      LoadedConfig config, Optional<FeatureSet> features, Optional<MetadataChain> chain) {
    ObjectNode out = Json.object();
    ObjectNode configuration = configuration(config);
    out.set("configuration", configuration);
    out.set("workspace", workspace(config.config().workspace()));
    features
        .filter(f -> !f.features().isEmpty())
        .ifPresent(f -> out.set("featuresConfiguration", FeatureSetJson.render(f)));
    chain.ifPresent(c -> out.set("mergedConfiguration", merged(configuration, c.merged())));
    return out;
  }

  /** The substituted configuration, with the config file as the reference CLI's URI object. */
  static ObjectNode configuration(LoadedConfig config) {
    ObjectNode c = config.json();
    ObjectNode uri = Json.object();
    String path = config.configFile().toString();
    uri.put("$mid", 1);
    uri.put("fsPath", path);
    uri.put("path", path);
    // The reference CLI names a file it found by its own URI scheme, and a --config file "file".
    uri.put("scheme", config.explicitConfig() ? "file" : "vscode-fileHost");
    c.set("configFilePath", uri);
    return c;
  }

  static ObjectNode workspace(Workspace w) {
    ObjectNode o = Json.object();
    o.put("workspaceFolder", w.containerFolder());
    w.mountText().ifPresent(m -> o.put("workspaceMount", m));
    return o;
  }

  /** {@code mergedConfiguration}: the configuration with the merged chain laid over it. */
  static ObjectNode merged(ObjectNode configuration, MergedConfiguration m) {
    ObjectNode o = configuration.deepCopy();
    REPLACED.forEach(o::remove);
    o.put("init", m.init());
    o.put("privileged", m.privileged());
    set(o, "capAdd", strings(m.capAdd()));
    set(o, "securityOpt", strings(m.securityOpt()));
    set(o, "entrypoints", strings(m.entrypoints()));
    set(o, "mounts", m.mounts().isEmpty() ? null : array(m.mounts(), ConfigMount::written));
    if (m.customizations().isEmpty()) {
      o.remove("customizations");
    } else {
      ObjectNode c = Json.object();
      m.customizations().forEach((k, v) -> c.set(k, array(v, Function.identity())));
      o.set("customizations", c);
    }
    for (LifecycleHook hook : LifecycleHook.values()) {
      if (hook.inContainer()) {
        o.set(hook.property() + "s", array(m.commands(hook), h -> h.command().toJson()));
      }
    }
    set(o, "waitFor", m.waitFor().map(h -> Json.NODES.textNode(h.property())).orElse(null));
    set(o, "remoteUser", text(m.remoteUser()));
    set(o, "containerUser", text(m.containerUser()));
    set(o, "userEnvProbe", text(m.userEnvProbe().map(UserEnvProbe::property)));
    ObjectNode remoteEnv = Json.object();
    m.remoteEnv()
        .forEach(
            (k, v) ->
                remoteEnv.set(
                    k, v.<JsonNode>map(Json.NODES::textNode).orElse(Json.NODES.nullNode())));
    o.set("remoteEnv", remoteEnv);
    ObjectNode containerEnv = Json.object();
    m.containerEnv().forEach(containerEnv::put);
    o.set("containerEnv", containerEnv);
    set(o, "overrideCommand", m.overrideCommand().map(Json.NODES::booleanNode).orElse(null));
    ObjectNode ports = Json.object();
    m.portsAttributes().forEach(ports::set);
    o.set("portsAttributes", ports);
    set(o, "otherPortsAttributes", m.otherPortsAttributes().orElse(null));
    set(
        o,
        "forwardPorts",
        m.forwardPorts().isEmpty() ? null : array(m.forwardPorts(), ForwardPort::toJson));
    set(o, "shutdownAction", text(m.shutdownAction().map(ShutdownAction::property)));
    set(
        o,
        "updateRemoteUserUID",
        m.updateRemoteUserUID().map(Json.NODES::booleanNode).orElse(null));
    set(o, "hostRequirements", m.hostRequirements().map(HostRequirements::toJson).orElse(null));
    return o;
  }

  /** Sets a property, or removes it for an absent value (which JSON.stringify leaves out). */
  private static void set(ObjectNode o, String key, JsonNode value) {
    if (value == null) {
      o.remove(key);
    } else {
      o.set(key, value);
    }
  }

  private static JsonNode text(Optional<String> s) {
    return s.<JsonNode>map(Json.NODES::textNode).orElse(null);
  }

  private static JsonNode strings(List<String> values) {
    return values.isEmpty() ? null : array(values, Json.NODES::textNode);
  }

  private static <T> ArrayNode array(List<T> values, Function<T, JsonNode> render) {
    ArrayNode a = Json.array();
    values.forEach(v -> a.add(render.apply(v)));
    return a;
  }
}
