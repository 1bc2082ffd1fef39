package dev.berth.devcontainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One entry of the {@code devcontainer.metadata} chain: what a base image, a Feature or the
 * devcontainer.json itself contributes to the container, typed. The properties are the
 * specification's image metadata properties; each is empty when the entry does not set it.
 *
 * @param id the Feature the entry comes from, if any
 * @param commands the lifecycle commands run in the container (never {@code initializeCommand})
 */
public record MetadataEntry(
    Optional<String> id,
    Optional<Boolean> init,
    Optional<Boolean> privileged,
    List<String> capAdd,
    List<String> securityOpt,
    Optional<String> entrypoint,
    List<ConfigMount> mounts,
    Map<String, JsonNode> customizations,
    Map<LifecycleHook, LifecycleCommand> commands,
    Optional<LifecycleHook> waitFor,
    Optional<String> remoteUser,
    Optional<String> containerUser,
    Optional<UserEnvProbe> userEnvProbe,
    Map<String, Optional<String>> remoteEnv,
    Map<String, String> containerEnv,
    Optional<Boolean> overrideCommand,
    Map<String, JsonNode> portsAttributes,
    Optional<JsonNode> otherPortsAttributes,
    List<ForwardPort> forwardPorts,
    Optional<ShutdownAction> shutdownAction,
    Optional<Boolean> updateRemoteUserUID,
    Optional<HostRequirements> hostRequirements) {

  /**
   * The properties of devcontainer.json that go into the metadata (the reference CLI's list, in its
   * order).
   */
  static final List<String> CONFIG_PROPERTIES =
      List.of(
          "onCreateCommand",
          "updateContentCommand",
          "postCreateCommand",
          "postStartCommand",
          "postAttachCommand",
          "waitFor",
          "customizations",
          "mounts",
          "containerEnv",
          "containerUser",
          "init",
          "privileged",
          "capAdd",
          "securityOpt",
          "remoteUser",
          "userEnvProbe",
          "remoteEnv",
          "overrideCommand",
          "portsAttributes",
          "otherPortsAttributes",
          "forwardPorts",
          "shutdownAction",
          "updateRemoteUserUID",
          "hostRequirements");

  /** The properties of a Feature that go into the metadata (after its {@code id}). */
  static final List<String> FEATURE_PROPERTIES =
      List.of(
          "onCreateCommand",
          "updateContentCommand",
          "postCreateCommand",
          "postStartCommand",
          "postAttachCommand",
          "init",
          "privileged",
          "capAdd",
          "securityOpt",
          "entrypoint",
          "mounts",
          "customizations");

  public MetadataEntry {
    Objects.requireNonNull(id, "id");
    capAdd = List.copyOf(capAdd);
    securityOpt = List.copyOf(securityOpt);
    mounts = List.copyOf(mounts);
    customizations = Collections.unmodifiableMap(new LinkedHashMap<>(customizations));
    commands = Collections.unmodifiableMap(new EnumMap<>(withHookKeys(commands)));
    remoteEnv = Collections.unmodifiableMap(new LinkedHashMap<>(remoteEnv));
    containerEnv = Collections.unmodifiableMap(new LinkedHashMap<>(containerEnv));
    portsAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(portsAttributes));
    forwardPorts = List.copyOf(forwardPorts);
  }

  private static Map<LifecycleHook, LifecycleCommand> withHookKeys(
      Map<LifecycleHook, LifecycleCommand> commands) {
    Map<LifecycleHook, LifecycleCommand> m = new EnumMap<>(LifecycleHook.class);
    commands.forEach(
        (h, c) -> {
          if (!h.inContainer()) {
            throw new IllegalArgumentException(h.property() + " is not image metadata");
          }
          m.put(h, c);
        });
    return m;
  }

  /** The subset of an object that a metadata entry holds, keeping the given property order. */
  static ObjectNode pick(ObjectNode from, List<String> properties) {
    ObjectNode o = Json.object();
    for (String p : properties) {
      if (from.has(p)) {
        o.set(p, from.get(p));
      }
    }
    return o;
  }

  /** Reads an entry; wrong values are reported to {@code findings} and left out. */
  static MetadataEntry read(ObjectNode o, String pointer, Findings findings) {
    Fields f = new Fields(o, pointer, findings);
    List<ConfigMount> mounts = new ArrayList<>();
    f.node("mounts")
        .ifPresent(
            m -> {
              if (!m.isArray()) {
                findings.error(f.pointer("mounts"), "bad-type", "mounts: expected an array");
                return;
              }
              for (int i = 0; i < m.size(); i++) {
                ConfigMount cm =
                    ConfigMount.read(
                        m.get(i), JsoncDocument.child(f.pointer("mounts"), i), findings);
                if (cm != null) {
                  mounts.add(cm);
                }
              }
            });
    Map<LifecycleHook, LifecycleCommand> commands = new EnumMap<>(LifecycleHook.class);
    for (LifecycleHook h : LifecycleHook.values()) {
      if (h.inContainer()) {
        f.node(h.property())
            .ifPresent(
                v -> {
                  LifecycleCommand c = LifecycleCommand.read(v, f.pointer(h.property()), findings);
                  if (c != null) {
                    commands.put(h, c);
                  }
                });
      }
    }
    List<ForwardPort> ports = new ArrayList<>();
    f.node("forwardPorts")
        .ifPresent(
            v -> {
              if (!v.isArray()) {
                findings.error(
                    f.pointer("forwardPorts"), "bad-type", "forwardPorts: expected an array");
                return;
              }
              for (int i = 0; i < v.size(); i++) {
                try {
                  ports.add(ForwardPort.parse(v.get(i)));
                } catch (IllegalArgumentException e) {
                  findings.error(
                      JsoncDocument.child(f.pointer("forwardPorts"), i),
                      "bad-port",
                      "forwardPorts: " + e.getMessage());
                }
              }
            });
    return new MetadataEntry(
        f.string("id"),
        f.bool("init"),
        f.bool("privileged"),
        f.strings("capAdd"),
        f.strings("securityOpt"),
        f.string("entrypoint"),
        mounts,
        f.objectEntries("customizations"),
        commands,
        enumValue(f, "waitFor", LifecycleHook::fromProperty, "a lifecycle command name"),
        f.string("remoteUser"),
        f.string("containerUser"),
        enumValue(
            f,
            "userEnvProbe",
            UserEnvProbe::fromProperty,
            "none, loginShell, loginInteractiveShell or interactiveShell"),
        f.nullableStringMap("remoteEnv"),
        f.stringMap("containerEnv"),
        f.bool("overrideCommand"),
        f.objectEntries("portsAttributes"),
        f.node("otherPortsAttributes"),
        ports,
        enumValue(
            f,
            "shutdownAction",
            ShutdownAction::fromProperty,
            "none, stopContainer or stopCompose"),
        f.bool("updateRemoteUserUID"),
        f.node("hostRequirements")
            .map(v -> HostRequirements.read(v, f.pointer("hostRequirements"), findings)));
  }

  private static <T> Optional<T> enumValue(
      Fields f, String key, Function<String, Optional<T>> parse, String expected) {
    Optional<String> s = f.string(key);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    Optional<T> v = parse.apply(s.get());
    if (v.isEmpty()) {
      f.findings().error(f.pointer(key), "bad-value", key + ": expected " + expected);
    }
    return v;
  }
}
