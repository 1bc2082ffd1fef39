package dev.berth.compose;

import dev.berth.diag.SourceRange;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One service of a compose project, resolved: variables interpolated, files merged, {@code extends}
 * applied, short syntaxes turned into long ones, relative paths made absolute, {@code env_file}s
 * read into {@code environment}.
 *
 * @param command empty when not set (the image's CMD applies); an empty list clears it
 * @param environment the variables with a value, sorted by name
 * @param unsetEnvironment variables named without a value that the environment did not set
 * @param networks each network the service joins; an empty value for a plain attachment
 * @param replicas {@code deploy.replicas}, when set
 * @param deploy the {@code deploy} section as plain values (maps, lists, strings, numbers)
 * @param otherAttributes service keys berth does not model, as plain values
 * @param extensions the service's {@code x-} keys, as plain values
 * @param range where the service is defined
 */
public record Service(
    String name,
    List<String> profiles,
    Optional<BuildConfig> build,
    Optional<String> image,
    Optional<List<String>> command,
    Optional<List<String>> entrypoint,
    Optional<String> user,
    Optional<String> workingDir,
    Map<String, String> environment,
    Set<String> unsetEnvironment,
    List<EnvFile> envFiles,
    List<PortConfig> ports,
    List<String> expose,
    List<VolumeMount> volumes,
    List<String> tmpfs,
    Map<String, Optional<NetworkAttachment>> networks,
    Optional<String> networkMode,
    Optional<String> hostname,
    List<String> extraHosts,
    Optional<HealthcheckConfig> healthcheck,
    Optional<String> restart,
    Optional<Integer> replicas,
    Optional<Integer> scale,
    Map<String, String> labels,
    Optional<Boolean> init,
    Optional<String> stopSignal,
    Optional<Duration> stopGracePeriod,
    List<String> capAdd,
    List<String> capDrop,
    boolean privileged,
    boolean readOnly,
    boolean tty,
    boolean stdinOpen,
    Optional<String> containerName,
    Map<String, Dependency> dependsOn,
    Optional<String> platform,
    Optional<String> pullPolicy,
    List<FileReference> secrets,
    Optional<Map<String, Object>> deploy,
    Map<String, Object> otherAttributes,
    Map<String, Object> extensions,
    SourceRange range) {

  public Service {
    Objects.requireNonNull(name, "name");
    profiles = List.copyOf(profiles);
    command = command.map(List::copyOf);
    entrypoint = entrypoint.map(List::copyOf);
    environment = Sorted.map(environment);
    unsetEnvironment = Sorted.set(unsetEnvironment);
    envFiles = List.copyOf(envFiles);
    ports = List.copyOf(ports);
    expose = List.copyOf(expose);
    volumes = List.copyOf(volumes);
    tmpfs = List.copyOf(tmpfs);
    networks = Sorted.map(networks);
    extraHosts = List.copyOf(extraHosts);
    labels = Sorted.map(labels);
    capAdd = List.copyOf(capAdd);
    capDrop = List.copyOf(capDrop);
    dependsOn = Sorted.map(dependsOn);
    secrets = List.copyOf(secrets);
    otherAttributes = Sorted.map(otherAttributes);
    extensions = Sorted.map(extensions);
    Objects.requireNonNull(range, "range");
  }

  /** How many containers the service runs: {@code scale}, else {@code deploy.replicas}, else 1. */
  public int containerCount() {
    return scale.or(() -> replicas).orElse(1);
  }

  /** The image the service runs: {@code image:}, else {@code <project>-<service>}. */
  public String imageName(String project) {
    return image.orElse(project + "-" + name);
  }

  /**
   * The {@code restart:} policy, {@code no} when none is written (the value was checked on load).
   */
  public RestartPolicy restartPolicy() {
    return restart.map(RestartPolicy::parse).orElse(RestartPolicy.NO);
  }
}
