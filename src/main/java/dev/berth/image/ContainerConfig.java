package dev.berth.image;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The execution defaults of an image (the {@code config} object of the image config): the OCI
 * fields plus the Docker extensions {@code Healthcheck}, {@code OnBuild} and {@code Shell}.
 *
 * <p>As in docker's Go types, an empty string, list, set or map means "not set": they are omitted
 * from the JSON, and {@code null} in the JSON reads as empty.
 */
public record ContainerConfig(
    String user,
    SortedSet<String> exposedPorts,
    List<String> env,
    List<String> entrypoint,
    List<String> cmd,
    SortedSet<String> volumes,
    String workingDir,
    SortedMap<String, String> labels,
    String stopSignal,
    boolean argsEscaped,
    Optional<Healthcheck> healthcheck,
    List<String> onBuild,
    List<String> shell) {

  public static final ContainerConfig EMPTY = builder().build();

  public ContainerConfig {
    Objects.requireNonNull(user, "user");
    exposedPorts = Collections.unmodifiableSortedSet(new TreeSet<>(exposedPorts));
    env = List.copyOf(env);
    entrypoint = List.copyOf(entrypoint);
    cmd = List.copyOf(cmd);
    volumes = Collections.unmodifiableSortedSet(new TreeSet<>(volumes));
    Objects.requireNonNull(workingDir, "workingDir");
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    Objects.requireNonNull(stopSignal, "stopSignal");
    Objects.requireNonNull(healthcheck, "healthcheck");
    onBuild = List.copyOf(onBuild);
    shell = List.copyOf(shell);
  }

  /** The value of an environment variable, the last {@code NAME=value} entry winning. */
  public Optional<String> envValue(String name) {
    String prefix = name + "=";
    for (int i = env.size() - 1; i >= 0; i--) {
      if (env.get(i).startsWith(prefix)) {
        return Optional.of(env.get(i).substring(prefix.length()));
      }
    }
    return Optional.empty();
  }

  /**
   * The environment as a map in its order; a later entry for a name wins, an entry without '=' is
   * an empty value.
   */
  public Map<String, String> envMap() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String e : env) {
      int eq = e.indexOf('=');
      out.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
    }
    return out;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .user(user)
        .exposedPorts(exposedPorts)
        .env(env)
        .entrypoint(entrypoint)
        .cmd(cmd)
        .volumes(volumes)
        .workingDir(workingDir)
        .labels(labels)
        .stopSignal(stopSignal)
        .argsEscaped(argsEscaped)
        .healthcheck(healthcheck)
        .onBuild(onBuild)
        .shell(shell);
  }

  /** Builds a {@link ContainerConfig}; every field starts empty. */
  public static final class Builder {
    private String user = "";
    private Set<String> exposedPorts = Set.of();
    private List<String> env = List.of();
    private List<String> entrypoint = List.of();
    private List<String> cmd = List.of();
    private Set<String> volumes = Set.of();
    private String workingDir = "";
    private Map<String, String> labels = Map.of();
    private String stopSignal = "";
    private boolean argsEscaped;
    private Optional<Healthcheck> healthcheck = Optional.empty();
    private List<String> onBuild = List.of();
    private List<String> shell = List.of();

    private Builder() {}

    public Builder user(String v) {
      user = v;
      return this;
    }

    public Builder exposedPorts(Set<String> v) {
      exposedPorts = v;
      return this;
    }

    public Builder env(List<String> v) {
      env = v;
      return this;
    }

    /** Sets {@code name=value}, replacing an earlier entry for the same name in place. */
    public Builder putEnv(String name, String value) {
      List<String> next = new ArrayList<>();
      boolean replaced = false;
      for (String e : env) {
        if (e.startsWith(name + "=") || e.equals(name)) {
          if (!replaced) {
            next.add(name + "=" + value);
            replaced = true;
          }
        } else {
          next.add(e);
        }
      }
      if (!replaced) {
        next.add(name + "=" + value);
      }
      env = next;
      return this;
    }

    public Builder entrypoint(List<String> v) {
      entrypoint = v;
      return this;
    }

    public Builder cmd(List<String> v) {
      cmd = v;
      return this;
    }

    public Builder volumes(Set<String> v) {
      volumes = v;
      return this;
    }

    public Builder workingDir(String v) {
      workingDir = v;
      return this;
    }

    public Builder labels(Map<String, String> v) {
      labels = v;
      return this;
    }

    public Builder stopSignal(String v) {
      stopSignal = v;
      return this;
    }

    public Builder argsEscaped(boolean v) {
      argsEscaped = v;
      return this;
    }

    public Builder healthcheck(Optional<Healthcheck> v) {
      healthcheck = v;
      return this;
    }

    public Builder onBuild(List<String> v) {
      onBuild = v;
      return this;
    }

    public Builder shell(List<String> v) {
      shell = v;
      return this;
    }

    public ContainerConfig build() {
      return new ContainerConfig(
          user,
          new TreeSet<>(exposedPorts),
          env,
          entrypoint,
          cmd,
          new TreeSet<>(volumes),
          workingDir,
          new TreeMap<>(labels),
          stopSignal,
          argsEscaped,
          healthcheck,
          onBuild,
          shell);
    }
  }
}
