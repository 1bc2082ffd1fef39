package dev.berth.devcontainer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What the container gets once the metadata chain (base image, Features, devcontainer.json) is
 * merged by the specification's rules: booleans or-ed, lists united, maps layered, and for the rest
 * the last entry that says something wins. Lifecycle commands are all kept, in chain order.
 *
 * @param capAdd capabilities to add, each once, in the order first seen
 * @param entrypoints the Features' entrypoints, all of them in order, to run before the command
 * @param mounts one per target: the last entry's mount for each target, in that entry's order
 * @param customizations every entry's value for each tool, in order
 * @param commands every container lifecycle hook's commands in chain order, with their origins
 */
public record MergedConfiguration(
    boolean init,
    boolean privileged,
    List<String> capAdd,
    List<String> securityOpt,
    List<String> entrypoints,
    List<ConfigMount> mounts,
    Map<String, List<JsonNode>> customizations,
    Map<LifecycleHook, List<HookCommand>> commands,
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

  public MergedConfiguration {
    capAdd = List.copyOf(capAdd);
    securityOpt = List.copyOf(securityOpt);
    entrypoints = List.copyOf(entrypoints);
    mounts = List.copyOf(mounts);
    Map<String, List<JsonNode>> c = new LinkedHashMap<>();
    customizations.forEach((k, v) -> c.put(k, List.copyOf(v)));
    customizations = Collections.unmodifiableMap(c);
    Map<LifecycleHook, List<HookCommand>> h = new EnumMap<>(LifecycleHook.class);
    commands.forEach((k, v) -> h.put(k, List.copyOf(v)));
    commands = Collections.unmodifiableMap(h);
    remoteEnv = Collections.unmodifiableMap(new LinkedHashMap<>(remoteEnv));
    containerEnv = Collections.unmodifiableMap(new LinkedHashMap<>(containerEnv));
    portsAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(portsAttributes));
    forwardPorts = List.copyOf(forwardPorts);
  }

  /** Merges a chain, first entry (the base image's oldest) to last (devcontainer.json). */
  public static MergedConfiguration merge(List<MetadataEntry> chain) {
    List<MetadataEntry> reversed = new ArrayList<>(chain);
    Collections.reverse(reversed);

    Map<String, List<JsonNode>> customizations = new LinkedHashMap<>();
    Map<LifecycleHook, List<HookCommand>> commands = new EnumMap<>(LifecycleHook.class);
    for (LifecycleHook hook : LifecycleHook.values()) {
      if (hook.inContainer()) {
        commands.put(hook, new ArrayList<>());
      }
    }
    Set<String> capAdd = new LinkedHashSet<>();
    Set<String> securityOpt = new LinkedHashSet<>();
    List<String> entrypoints = new ArrayList<>();
    Map<String, Optional<String>> remoteEnv = new LinkedHashMap<>();
    Map<String, String> containerEnv = new LinkedHashMap<>();
    Map<String, JsonNode> portsAttributes = new LinkedHashMap<>();
    Set<ForwardPort> forwardPorts = new LinkedHashSet<>();
    List<HostRequirements> hostRequirements = new ArrayList<>();
    boolean init = false;
    boolean privileged = false;
    for (MetadataEntry e : chain) {
      init |= e.init().orElse(false);
      privileged |= e.privileged().orElse(false);
      capAdd.addAll(e.capAdd());
      securityOpt.addAll(e.securityOpt());
      e.entrypoint().filter(s -> !s.isEmpty()).ifPresent(entrypoints::add);
      e.customizations()
          .forEach((k, v) -> customizations.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
      String origin = e.id().orElse("devcontainer.json");
      e.commands()
          .forEach(
              (hook, c) -> {
                // As the reference CLI: an empty string is no command, an empty array is one.
                if (!(c instanceof LifecycleCommand.Shell s && s.script().isEmpty())) {
                  commands.get(hook).add(new HookCommand(origin, c));
                }
              });
      remoteEnv.putAll(e.remoteEnv());
      containerEnv.putAll(e.containerEnv());
      portsAttributes.putAll(e.portsAttributes());
      forwardPorts.addAll(e.forwardPorts());
      e.hostRequirements().ifPresent(hostRequirements::add);
    }
    return new MergedConfiguration(
        init,
        privileged,
        List.copyOf(capAdd),
        List.copyOf(securityOpt),
        entrypoints,
        mergeMounts(chain),
        customizations,
        commands,
        last(reversed, MetadataEntry::waitFor),
        lastNonEmpty(reversed, MetadataEntry::remoteUser),
        lastNonEmpty(reversed, MetadataEntry::containerUser),
        last(reversed, MetadataEntry::userEnvProbe),
        remoteEnv,
        containerEnv,
        last(reversed, MetadataEntry::overrideCommand),
        portsAttributes,
        last(reversed, MetadataEntry::otherPortsAttributes),
        List.copyOf(forwardPorts),
        last(reversed, MetadataEntry::shutdownAction),
        last(reversed, MetadataEntry::updateRemoteUserUID),
        HostRequirements.merge(hostRequirements));
  }

  private static List<ConfigMount> mergeMounts(List<MetadataEntry> chain) {
    List<ConfigMount> all = new ArrayList<>();
    chain.forEach(e -> all.addAll(e.mounts()));
    Set<String> seen = new LinkedHashSet<>();
    List<ConfigMount> kept = new ArrayList<>();
    for (int i = all.size() - 1; i >= 0; i--) {
      if (seen.add(all.get(i).mount().target())) {
        kept.add(all.get(i));
      }
    }
    Collections.reverse(kept);
    return kept;
  }

  private static <T> Optional<T> last(
      List<MetadataEntry> reversed, Function<MetadataEntry, Optional<T>> get) {
    for (MetadataEntry e : reversed) {
      Optional<T> v = get.apply(e);
      if (v.isPresent()) {
        return v;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> lastNonEmpty(
      List<MetadataEntry> reversed, Function<MetadataEntry, Optional<String>> get) {
    return last(reversed, e -> get.apply(e).filter(s -> !s.isEmpty()));
  }

  /** The commands of one hook, in the order they run. */
  public List<HookCommand> commands(LifecycleHook hook) {
    return commands.getOrDefault(hook, List.of());
  }

  /** The hook {@code dev up} waits for before it reports the container ready. */
  public LifecycleHook waitForOrDefault() {
    return waitFor.orElse(LifecycleHook.UPDATE_CONTENT);
  }

  public UserEnvProbe userEnvProbeOrDefault() {
    return userEnvProbe.orElse(UserEnvProbe.DEFAULT);
  }

  /**
   * What every {@code customizations.berth} in the chain asks for together: the union of their
   * {@code chownPaths}.
   */
  public BerthCustomizations berth() {
    Set<String> paths = new LinkedHashSet<>();
    for (JsonNode b : customizations.getOrDefault("berth", List.of())) {
      JsonNode p = b.get("chownPaths");
      if (p != null && p.isArray()) {
        p.forEach(
            x -> {
              if (x.isTextual()) {
                paths.add(x.textValue());
              }
            });
      }
    }
    return new BerthCustomizations(List.copyOf(paths));
  }
}
