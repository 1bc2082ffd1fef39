package dev.berth.compose;

import dev.berth.diag.BerthException;
import dev.berth.diag.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * A loaded compose project: its name, folder and environment, the services the active profiles
 * enable (and those they leave out), the top-level networks, volumes, secrets and configs, and the
 * warnings found while loading.
 *
 * @param environment the variables interpolation used: the shell's, then the {@code .env} file's
 * @param composeFiles the files read, in order ({@code -} for standard input)
 */
public record ComposeProject(
    String name,
    Path workingDirectory,
    List<String> composeFiles,
    Map<String, String> environment,
    List<String> activeProfiles,
    SortedMap<String, Service> services,
    SortedMap<String, Service> disabledServices,
    SortedMap<String, NetworkConfig> networks,
    SortedMap<String, VolumeConfig> volumes,
    SortedMap<String, FileObject> secrets,
    SortedMap<String, FileObject> configs,
    Map<String, Object> extensions,
    List<Diagnostic> warnings) {

  public ComposeProject {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    composeFiles = List.copyOf(composeFiles);
    environment = Map.copyOf(environment);
    activeProfiles = List.copyOf(activeProfiles);
    services = Sorted.map(services);
    disabledServices = Sorted.map(disabledServices);
    networks = Sorted.map(networks);
    volumes = Sorted.map(volumes);
    secrets = Sorted.map(secrets);
    configs = Sorted.map(configs);
    extensions = Sorted.map(extensions);
    warnings = List.copyOf(warnings);
  }

  public Optional<Service> service(String serviceName) {
    return Optional.ofNullable(services.get(serviceName));
  }

  /**
   * The enabled services' names as {@code docker compose config --services} lists them: each
   * service after the services it depends on, otherwise by name.
   */
  public List<String> serviceNames() {
    Set<String> out = new LinkedHashSet<>();
    for (String name : services.keySet()) {
      addInDependencyOrder(name, out, new LinkedHashSet<>());
    }
    return new ArrayList<>(out);
  }

  private void addInDependencyOrder(String name, Set<String> out, Set<String> visiting) {
    Service s = services.get(name);
    if (s == null || out.contains(name) || !visiting.add(name)) {
      return;
    }
    for (String dep : s.dependsOn().keySet()) {
      addInDependencyOrder(dep, out, visiting);
    }
    out.add(name);
  }

  /** Each enabled service's image ({@code config --images}), by service name. */
  public List<String> images() {
    List<String> out = new ArrayList<>();
    for (Service s : services.values()) {
      out.add(s.imageName(name));
    }
    return out;
  }

  /** Every profile any service declares ({@code config --profiles}), sorted. */
  public List<String> profiles() {
    TreeSet<String> out = new TreeSet<>();
    services.values().forEach(s -> out.addAll(s.profiles()));
    disabledServices.values().forEach(s -> out.addAll(s.profiles()));
    return new ArrayList<>(out);
  }

  /** {@code docker compose config --format json}. */
  public String toJson() {
    return ConfigOutput.json(this);
  }

  /** {@code docker compose config}. */
  public String toYaml() {
    return ConfigOutput.yaml(this);
  }

  /**
   * The {@code com.docker.compose.config-hash} label's value for a service: the SHA-256 of its
   * compact canonical JSON without build, pull_policy, scale, deploy.replicas, depends_on and
   * profiles, as docker compose computes it.
   */
  public String configHash(String serviceName) {
    Service s = services.get(serviceName);
    if (s == null) {
      throw new IllegalArgumentException("no enabled service " + serviceName);
    }
    return ConfigOutput.configHash(s);
  }

  /**
   * One build request per enabled service with a {@code build:} section, by service name. Fails
   * when a context is not a folder, a Dockerfile is missing or a build secret is not declared.
   */
  public List<BuildRequest> buildRequests() throws BerthException {
    List<BuildRequest> out = new ArrayList<>();
    for (Service s : services.values()) {
      if (s.build().isPresent()) {
        out.add(buildRequest(s, s.build().get()));
      }
    }
    return out;
  }

  /** Local paths made absolute against the working directory, as compose resolves them. */
  private Map<String, String> additionalContexts(BuildConfig b) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    b.additionalContexts()
        .forEach(
            (name, value) ->
                out.put(
                    name,
                    value.contains("://") || value.startsWith("git@")
                        ? value
                        : workingDirectory.resolve(value).normalize().toString()));
    return out;
  }

  private BuildRequest buildRequest(Service s, BuildConfig b) throws BerthException {
    Path context = Path.of(b.context());
    String where = "services." + s.name() + ".build";
    if (!Files.isDirectory(context)) {
      throw BerthException.error(
          "compose-build-context", where + ".context: " + context + " is not a folder", s.range());
    }
    Optional<Path> dockerfile = Optional.empty();
    if (b.dockerfileInline().isEmpty()) {
      Path df = context.resolve(b.dockerfile().orElse("Dockerfile")).normalize();
      if (!Files.isRegularFile(df)) {
        throw BerthException.error(
            "compose-build-dockerfile",
            where + ".dockerfile: " + df + " does not exist",
            s.range());
      }
      dockerfile = Optional.of(df);
    }
    List<BuildRequest.Secret> buildSecrets = new ArrayList<>();
    for (FileReference r : b.secrets()) {
      FileObject secret = secrets.get(r.source());
      if (secret == null) {
        throw BerthException.error(
            "compose-undefined-secret",
            where + ".secrets: secret " + r.source() + " is not declared in the top-level secrets",
            s.range());
      }
      Optional<String> value = secret.environment().map(environment::get);
      if (secret.environment().isPresent() && value.isEmpty()) {
        throw BerthException.error(
            "compose-undefined-secret",
            where
                + ".secrets: environment variable "
                + secret.environment().get()
                + " required by secret "
                + r.source()
                + " is not set",
            s.range());
      }
      buildSecrets.add(new BuildRequest.Secret(r.source(), secret.file(), value));
    }
    return new BuildRequest(
        s.name(),
        context,
        dockerfile,
        b.dockerfileInline(),
        b.target(),
        b.args(),
        b.labels(),
        s.imageName(name),
        b.tags(),
        b.noCache(),
        b.pull(),
        buildSecrets,
        b.network(),
        b.cacheFrom(),
        b.cacheTo(),
        b.platforms(),
        additionalContexts(b));
  }
}
