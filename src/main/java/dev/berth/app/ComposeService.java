package dev.berth.app;

import dev.berth.compose.BuildRequest;
import dev.berth.compose.ComposeLoader;
import dev.berth.compose.ComposeProject;
import dev.berth.compose.Dependency;
import dev.berth.compose.HealthcheckConfig;
import dev.berth.compose.LoadOptions;
import dev.berth.compose.NetworkAttachment;
import dev.berth.compose.NetworkConfig;
import dev.berth.compose.PortConfig;
import dev.berth.compose.RestartPolicy;
import dev.berth.compose.Service;
import dev.berth.compose.VolumeConfig;
import dev.berth.compose.VolumeMount;
import dev.berth.diag.BerthException;
import dev.berth.diag.Diagnostic;
import dev.berth.diag.ErrorKind;
import dev.berth.diag.SourceRange;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.DockerfileReader;
import dev.berth.dockerfile.Stage;
import dev.berth.event.EventSink;
import dev.berth.image.Healthcheck;
import dev.berth.image.ImageReference;
import dev.berth.store.LocalImages;
import dev.berth.store.Store;
import dev.berth.store.StoredImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code berth compose}: reads compose files as Docker Compose does (package {@code compose}),
 * builds every service's image at once through the build engine and runs the services as berth
 * containers, labelled as Docker Compose labels them, with no daemon.
 */
public final class ComposeService {

  static final String PROJECT = "com.docker.compose.project";
  static final String SERVICE = "com.docker.compose.service";
  static final String NUMBER = "com.docker.compose.container-number";
  static final String HASH = "com.docker.compose.config-hash";
  static final String ONEOFF = "com.docker.compose.oneoff";

  /** Where the compose files are and what the shell says. */
  public record ComposeRequest(
      Path workingDirectory,
      List<String> files,
      Optional<Path> projectDirectory,
      Optional<String> projectName,
      List<String> profiles,
      List<Path> envFiles,
      Map<String, String> environment,
      Supplier<InputStream> stdin) {
    public ComposeRequest {
      files = List.copyOf(files);
      profiles = List.copyOf(profiles);
      envFiles = List.copyOf(envFiles);
      environment = Map.copyOf(environment);
    }
  }

  /** What {@code config} prints. */
  public enum ConfigView {
    YAML,
    JSON,
    SERVICES,
    IMAGES,
    PROFILES,
    QUIET
  }

  /** What {@code up} asks for. */
  public record UpOptions(
      List<String> services,
      boolean detach,
      boolean build,
      boolean noBuild,
      boolean forceRecreate,
      boolean removeOrphans,
      boolean waitReady) {}

  /** One line of {@code compose ps}. */
  public record ServiceRow(
      String name, String image, String command, String service, String status, String ports) {}

  private final Berth berth;

  ComposeService(Berth berth) {
    this.berth = berth;
  }

  /** A loaded compose project, opaque to the CLI. */
  public static final class Project {
    private final ComposeProject model;

    Project(ComposeProject model) {
      this.model = model;
    }

    ComposeProject model() {
      return model;
    }
  }

  /** Reads the project; its warnings (an obsolete {@code version:}) go to {@code warnings}. */
  public Project load(ComposeRequest r, Consumer<Diagnostic> warnings) throws BerthException {
    LoadOptions o =
        LoadOptions.of(r.workingDirectory(), r.environment())
            .withFiles(r.files())
            .withProfiles(r.profiles())
            .withEnvFiles(r.envFiles())
            .withStdin(r.stdin());
    if (r.projectDirectory().isPresent()) {
      o = o.withProjectDirectory(r.projectDirectory().get());
    }
    if (r.projectName().isPresent()) {
      o = o.withProjectName(r.projectName().get());
    }
    ComposeProject p = ComposeLoader.load(o);
    p.warnings().forEach(warnings);
    return new Project(p);
  }

  /** {@code compose config}. */
  public String config(Project project, ConfigView view) {
    ComposeProject p = project.model();
    return switch (view) {
      case YAML -> p.toYaml();
      case JSON -> p.toJson();
      case SERVICES -> lines(p.serviceNames());
      case IMAGES -> lines(p.images());
      case PROFILES -> lines(p.profiles());
      case QUIET -> "";
    };
  }

  private static String lines(List<String> l) {
    return l.isEmpty() ? "" : String.join("\n", l) + "\n";
  }

  // ------------------------------------------------------------------ build

  /**
   * {@code compose build}: every selected service with a {@code build:} section, all at once
   * through one solver, so steps they share (the stage two targets start from) run once.
   *
   * @param sinks the progress sink of each service's build, by service name
   * @param buildArgs {@code --build-arg}s, set over each service's args
   */
  public List<BuildService.Outcome> build(
      Project project,
      List<String> services,
      boolean noCache,
      boolean pull,
      boolean push,
      Map<String, String> buildArgs,
      Function<String, EventSink> sinks)
      throws IOException, InterruptedException {
    ComposeProject p = project.model();
    List<BuildRequest> requests = new ArrayList<>();
    for (BuildRequest b : p.buildRequests()) {
      if (services.isEmpty() || services.contains(b.service())) {
        requests.add(b);
      }
    }
    for (String s : services) {
      if (p.service(s).isEmpty()) {
        throw new BerthException(ErrorKind.NOT_FOUND, "no such service: " + s);
      }
    }
    if (requests.isEmpty()) {
      return List.of();
    }
    List<BuildOptions> builds = new ArrayList<>();
    List<EventSink> events = new ArrayList<>();
    for (BuildRequest b : requests) {
      checkTarget(p, b);
      builds.add(options(b, noCache, pull, push, buildArgs));
      events.add(sinks.apply(b.service()));
    }
    return berth.builds().buildAll(builds, events);
  }

  /** A {@code build.target} that names no stage: the compose file is wrong, at its line. */
  private static void checkTarget(ComposeProject p, BuildRequest b) throws IOException {
    if (b.target().isEmpty() || b.dockerfile().isEmpty()) {
      return;
    }
    Path file = b.dockerfile().get();
    Dockerfile df = DockerfileReader.parse(file.toString(), DockerfileFiles.read(file));
    List<String> stages = new ArrayList<>();
    for (Stage s : df.stages()) {
      s.name().ifPresent(stages::add);
    }
    String target = b.target().get();
    if (stages.stream().noneMatch(n -> n.equalsIgnoreCase(target))) {
      SourceRange at = p.service(b.service()).map(Service::range).orElse(SourceRange.file(""));
      throw BerthException.error(
          "compose-build-target",
          "services."
              + b.service()
              + ".build.target: \""
              + target
              + "\" is not a stage of "
              + file
              + "; its stages are: "
              + String.join(", ", stages),
          at);
    }
  }

  private static BuildOptions options(
      BuildRequest b, boolean noCache, boolean pull, boolean push, Map<String, String> extra)
      throws IOException {
    Path dockerfile;
    if (b.dockerfileInline().isPresent()) {
      dockerfile = Files.createTempFile("berth-compose-", ".Dockerfile");
      Files.writeString(dockerfile, b.dockerfileInline().get());
      dockerfile.toFile().deleteOnExit();
    } else {
      dockerfile = b.dockerfile().orElse(b.context().resolve("Dockerfile"));
    }
    List<ImageReference> tags = new ArrayList<>();
    for (String t : concat(List.of(b.image()), b.tags())) {
      try {
        tags.add(ImageReference.parse(t));
      } catch (IllegalArgumentException e) {
        throw BerthException.invalid(
            "services." + b.service() + ": invalid image name '" + t + "': " + e.getMessage());
      }
    }
    Map<String, String> args = new LinkedHashMap<>(b.args());
    args.putAll(extra);
    List<Secret> secrets = new ArrayList<>();
    for (BuildRequest.Secret s : b.secrets()) {
      if (s.file().isPresent()) {
        secrets.add(new Secret(s.id(), new Secret.Source.File(s.file().get())));
      } else {
        secrets.add(new Secret(s.id(), new Secret.Source.Env(s.id())));
      }
    }
    Optional<NetworkRequest> network =
        b.network()
            .map(
                n ->
                    switch (n) {
                      case "none" -> NetworkRequest.NONE;
                      default -> NetworkRequest.HOST;
                    });
    return new BuildOptions(
        b.context(),
        Optional.of(dockerfile),
        tags,
        b.target(),
        args,
        noCache || b.noCache(),
        b.labels(),
        network,
        Optional.empty(),
        Optional.empty(),
        secrets,
        pull || b.pull(),
        push,
        false,
        CacheSpecs.fromAll(b.cacheFrom(), "services." + b.service() + ".build.cache_from"),
        CacheSpecs.toAll(b.cacheTo(), "services." + b.service() + ".build.cache_to"),
        BuildExtras.NONE.withNamedContexts(namedContexts(b)));
  }

  /** {@code build.additional_contexts}, read as {@code --build-context} reads its values. */
  private static Map<String, NamedContext> namedContexts(BuildRequest b) throws BerthException {
    Map<String, NamedContext> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : b.additionalContexts().entrySet()) {
      try {
        NamedContext.Named n = NamedContext.parse(e.getKey() + "=" + e.getValue());
        out.put(n.name(), n.context());
      } catch (BerthException ex) {
        throw BerthException.invalid(
            "services." + b.service() + ".build.additional_contexts: " + ex.getMessage());
      }
    }
    return out;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  // ------------------------------------------------------------------ up and down

  /**
   * {@code compose up}: makes the project's networks and volumes, builds what must be built, then
   * starts each service in dependency order, waiting for the conditions of its {@code depends_on}.
   * A running container whose config hash is unchanged is left running; one whose service changed
   * is recreated. Without {@code detach} it shows every service's output, prefixed with its
   * container's name, until they all end.
   */
  public void up(Project project, UpOptions o, Function<String, EventSink> sinks, Streams io)
      throws IOException, InterruptedException {
    ComposeProject p = project.model();
    List<String> order = order(p, o.services());
    boolean mustBuild = o.build();
    if (!o.noBuild()) {
      List<String> toBuild = new ArrayList<>();
      for (String name : order) {
        Service s = p.service(name).orElseThrow();
        if (s.build().isPresent() && (mustBuild || !imageExists(s.imageName(p.name())))) {
          toBuild.add(name);
        }
      }
      if (!toBuild.isEmpty()) {
        build(project, toBuild, false, false, false, Map.of(), sinks);
      }
    }
    ensureNetworks(p, io);
    ensureVolumes(p);
    ContainerService containers = berth.containers();
    List<ContainerService.ContainerRow> existing = projectContainers(p, true);
    if (o.removeOrphans()) {
      for (ContainerService.ContainerRow r : existing) {
        if (!p.services().containsKey(r.labels().getOrDefault(SERVICE, ""))) {
          containers.remove(List.of(r.id()), true, false);
          io.progress("Container " + r.name() + " Removed (orphan)");
        }
      }
    }
    for (String name : order) {
      Service s = p.service(name).orElseThrow();
      awaitDependencies(p, s, io);
      String hash = p.configHash(name);
      for (int n = 1; n <= Math.max(1, s.containerCount()); n++) {
        String cname = s.containerName().orElse(p.name() + "-" + name + "-" + n);
        Optional<ContainerService.ContainerRow> current =
            existing.stream().filter(r -> r.name().equals(cname)).findFirst();
        if (current.isPresent()) {
          boolean same = hash.equals(current.get().labels().get(HASH));
          if (same && !o.forceRecreate()) {
            if (!current.get().state().equals("running")) {
              containers.start(cname, false, io.streams());
              io.progress("Container " + cname + " Started");
            } else {
              io.progress("Container " + cname + " Running");
            }
            continue;
          }
          containers.remove(List.of(current.get().id()), true, false);
          io.progress("Container " + cname + " Recreate");
        }
        RunOptions options = runOptions(p, s, cname, n, hash);
        options.privileges().warnings().forEach(io::progress);
        containers.create(options);
        io.progress("Container " + cname + " Created");
        containers.start(cname, false, io.streams());
        io.progress("Container " + cname + " Started");
      }
    }
    if (o.waitReady()) {
      for (String name : order) {
        Service s = p.service(name).orElseThrow();
        if (healthcheck(p, s).isPresent()) {
          awaitHealthy(p, s, io);
        }
      }
    }
    if (!o.detach()) {
      attach(p, order, io);
    }
  }

  /**
   * What {@code up} without {@code -d} shows: every container's output, prefixed, until they all
   * end, and for each that ends the line Docker Compose prints. A container whose {@code restart:}
   * policy says so is started again and followed on.
   */
  private void attach(ComposeProject p, List<String> services, Streams io)
      throws IOException, InterruptedException {
    List<ContainerService.ContainerRow> rows = new ArrayList<>();
    for (ContainerService.ContainerRow r : projectContainers(p, true)) {
      if (services.contains(r.labels().getOrDefault(SERVICE, ""))) {
        rows.add(r);
      }
    }
    OutputStream out = io.streams().out();
    followEach(
        rows,
        io,
        (r, prefixed) -> {
          RestartPolicy policy =
              p.service(r.labels().getOrDefault(SERVICE, ""))
                  .map(Service::restartPolicy)
                  .orElse(RestartPolicy.NO);
          ContainerService containers = berth.containers();
          containers.logs(r.id(), true, Optional.empty(), false, prefixed);
          int code = containers.waitFor(r.id());
          for (int restarts = 0; ; restarts++) {
            synchronized (out) {
              out.write(
                  (r.name() + " exited with code " + code + "\n").getBytes(StandardCharsets.UTF_8));
              out.flush();
            }
            if (!policy.restarts(code, restarts)) {
              break;
            }
            code = containers.start(r.id(), true, prefixed);
          }
        });
  }

  /** What one thread does for one container, writing to its prefixed streams. */
  private interface Follower {
    void follow(ContainerService.ContainerRow row, ContainerService.Streams prefixed)
        throws IOException, InterruptedException;
  }

  /**
   * Runs {@code follower} for every container at once, each on streams that prefix its lines with
   * the container's name padded to the longest, and waits for them all.
   */
  private static void followEach(
      List<ContainerService.ContainerRow> rows, Streams io, Follower follower)
      throws IOException, InterruptedException {
    int width = rows.stream().mapToInt(r -> r.name().length()).max().orElse(0);
    List<Thread> followers = new ArrayList<>();
    List<IOException> failures = new ArrayList<>();
    for (ContainerService.ContainerRow r : rows) {
      String prefix = r.name() + " ".repeat(width - r.name().length()) + "  | ";
      // Docker Compose prints every service's stdout and stderr alike, on its own stdout.
      PrefixedStream lines = new PrefixedStream(prefix, io.streams().out());
      ContainerService.Streams prefixed =
          new ContainerService.Streams(io.streams().in(), lines, lines, false);
      Thread t =
          new Thread(
              () -> {
                try {
                  follower.follow(r, prefixed);
                } catch (IOException e) {
                  synchronized (failures) {
                    failures.add(e);
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "berth-follow-" + r.name());
      t.start();
      followers.add(t);
    }
    for (Thread t : followers) {
      t.join();
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }

  /** The streams of a compose command, and where its progress lines go. */
  public record Streams(ContainerService.Streams streams, Consumer<String> progressLines) {
    void progress(String line) {
      progressLines.accept(line);
    }
  }

  /**
   * {@code compose down}: stops and removes the project's containers, then its networks; with
   * {@code volumes} its named volumes, with {@code rmi} its images ("local": those it built).
   */
  public void down(Project project, boolean volumes, Optional<String> rmi, Streams io)
      throws IOException, InterruptedException {
    ComposeProject p = project.model();
    ContainerService containers = berth.containers();
    for (ContainerService.ContainerRow r : projectContainers(p, true)) {
      containers.stop(r.id(), Optional.empty());
      containers.remove(List.of(r.id()), true, false);
      io.progress("Container " + r.name() + " Removed");
    }
    NetworkService networks = berth.networks();
    for (String net : projectNetworkNames(p)) {
      try {
        networks.remove(net);
        io.progress("Network " + net + " Removed");
      } catch (BerthException e) {
        if (e.kind() != ErrorKind.NOT_FOUND) {
          throw e;
        }
      }
    }
    if (volumes) {
      for (Map.Entry<String, VolumeConfig> v : p.volumes().entrySet()) {
        if (!v.getValue().external()) {
          try {
            berth.volumes().remove(v.getValue().name(), false);
            io.progress("Volume " + v.getValue().name() + " Removed");
          } catch (BerthException e) {
            if (e.kind() != ErrorKind.NOT_FOUND) {
              throw e;
            }
          }
        }
      }
    }
    if (rmi.isPresent()) {
      for (Service s : p.services().values()) {
        boolean local = s.image().isEmpty();
        if ((rmi.get().equals("all") || local) && imageExists(s.imageName(p.name()))) {
          berth.images().remove(List.of(s.imageName(p.name())), true);
          io.progress("Image " + s.imageName(p.name()) + " Removed");
        }
      }
    }
  }

  // ------------------------------------------------------------------ ps, logs, exec, run

  /** {@code compose ps}: the project's containers, with the health of those that have a check. */
  public List<ServiceRow> ps(Project project, boolean all) throws IOException {
    ComposeProject p = project.model();
    List<ServiceRow> out = new ArrayList<>();
    for (ContainerService.ContainerRow r : projectContainers(p, all)) {
      String service = r.labels().getOrDefault(SERVICE, "");
      String status = r.status();
      Optional<Service> s = p.service(service);
      if (r.state().equals("running") && s.isPresent() && healthcheck(p, s.get()).isPresent()) {
        status += check(p, s.get(), r.name()) ? " (healthy)" : " (unhealthy)";
      }
      out.add(new ServiceRow(r.name(), r.image(), r.command(), service, status, r.ports()));
    }
    return out;
  }

  /** {@code compose logs}: each line prefixed with its container's name, as compose does. */
  public void logs(Project project, List<String> services, boolean follow, Streams io)
      throws IOException, InterruptedException {
    ComposeProject p = project.model();
    List<ContainerService.ContainerRow> rows = new ArrayList<>();
    for (ContainerService.ContainerRow r : projectContainers(p, true)) {
      if (services.isEmpty() || services.contains(r.labels().getOrDefault(SERVICE, ""))) {
        rows.add(r);
      }
    }
    followEach(
        rows,
        io,
        (r, prefixed) ->
            berth.containers().logs(r.id(), follow, Optional.empty(), false, prefixed));
  }

  /** {@code compose exec}: in the service's container number {@code index}. */
  public int exec(
      Project project,
      String service,
      int index,
      List<String> command,
      Map<String, String> env,
      Optional<String> user,
      Optional<String> workdir,
      boolean interactive,
      boolean tty,
      boolean detach,
      Streams io)
      throws IOException, InterruptedException {
    ComposeProject p = project.model();
    Service s =
        p.service(service)
            .orElseThrow(
                () -> new BerthException(ErrorKind.NOT_FOUND, "no such service: " + service));
    String name = s.containerName().orElse(p.name() + "-" + service + "-" + index);
    return berth
        .containers()
        .exec(
            new ContainerService.ExecOptions(
                name, command, env, user, workdir, interactive, tty, detach),
            io.streams());
  }

  /** {@code compose run}: a one-off container of the service, attached, its exit code returned. */
  public int run(
      Project project,
      String service,
      List<String> command,
      boolean remove,
      Map<String, String> env,
      boolean interactive,
      boolean tty,
      Streams io)
      throws IOException, InterruptedException {
    ComposeProject p = project.model();
    Service s =
        p.service(service)
            .orElseThrow(
                () -> new BerthException(ErrorKind.NOT_FOUND, "no such service: " + service));
    ensureNetworks(p, io);
    ensureVolumes(p);
    awaitDependencies(p, s, io);
    String name =
        p.name() + "-" + service + "-run-" + Long.toHexString(System.nanoTime() & 0xffffff);
    RunOptions base = runOptions(p, s, name, 1, p.configHash(service));
    Map<String, String> labels = new LinkedHashMap<>(base.labels());
    labels.put(ONEOFF, "True");
    Map<String, String> vars = new LinkedHashMap<>(base.env());
    vars.putAll(env);
    RunOptions o =
        new RunOptions(
                base.image(),
                base.name(),
                command.isEmpty() ? base.command() : command,
                base.entrypoint(),
                vars,
                base.workdir(),
                base.user(),
                base.hostname(),
                labels,
                base.mounts(),
                base.networks(),
                List.of(),
                base.init(),
                base.stopSignal(),
                base.stopTimeout(),
                remove,
                false,
                interactive,
                tty)
            .withUserns(base.userns())
            .withPrivileges(base.privileges());
    return berth.containers().run(o, io.streams());
  }

  /** {@code compose start|stop|restart}: the selected services' containers. */
  public void lifecycle(Project project, String verb, List<String> services, Streams io)
      throws IOException, InterruptedException {
    ComposeProject p = project.model();
    ContainerService containers = berth.containers();
    for (ContainerService.ContainerRow r : projectContainers(p, true)) {
      if (!services.isEmpty() && !services.contains(r.labels().getOrDefault(SERVICE, ""))) {
        continue;
      }
      switch (verb) {
        case "start" -> containers.start(r.id(), false, io.streams());
        case "stop" -> containers.stop(r.id(), Optional.empty());
        case "restart" -> containers.restart(r.id(), Optional.empty());
        default -> throw new IllegalArgumentException(verb);
      }
      io.progress("Container " + r.name() + " " + past(verb));
    }
  }

  private static String past(String verb) {
    return switch (verb) {
      case "start" -> "Started";
      case "stop" -> "Stopped";
      default -> "Restarted";
    };
  }

  /** {@code compose images}: the images of the project's containers. */
  public List<String> images(Project project) throws IOException {
    ComposeProject p = project.model();
    Set<String> out = new LinkedHashSet<>();
    for (ContainerService.ContainerRow r : projectContainers(p, true)) {
      out.add(r.name() + "  " + r.image());
    }
    return new ArrayList<>(out);
  }

  /** {@code compose pull}: the images of services without a build section. */
  public void pull(Project project, Consumer<String> progress) throws IOException {
    ComposeProject p = project.model();
    for (Service s : p.services().values()) {
      if (s.build().isEmpty() && s.image().isPresent()) {
        berth.registries().pull(s.image().get(), progress);
      }
    }
  }

  /** {@code compose push}: the images of services with a build section. */
  public void push(Project project, Consumer<String> progress) throws IOException {
    ComposeProject p = project.model();
    for (Service s : p.services().values()) {
      if (s.build().isPresent()) {
        progress.accept(berth.registries().push(s.imageName(p.name()), progress));
      }
    }
  }

  // ------------------------------------------------------------------ the parts of up

  /** The selected services and what they depend on, dependencies first. */
  private static List<String> order(ComposeProject p, List<String> selected) throws BerthException {
    for (String s : selected) {
      if (p.service(s).isEmpty()) {
        throw new BerthException(ErrorKind.NOT_FOUND, "no such service: " + s);
      }
    }
    List<String> all = p.serviceNames();
    if (selected.isEmpty()) {
      return all;
    }
    Set<String> wanted = new LinkedHashSet<>();
    List<String> todo = new ArrayList<>(selected);
    while (!todo.isEmpty()) {
      String s = todo.remove(todo.size() - 1);
      if (wanted.add(s)) {
        p.service(s).ifPresent(svc -> todo.addAll(svc.dependsOn().keySet()));
      }
    }
    return all.stream().filter(wanted::contains).toList();
  }

  private boolean imageExists(String name) throws IOException {
    try (Store store = berth.openStore()) {
      new LocalImages(store).find(name);
      return true;
    } catch (BerthException e) {
      if (e.kind() == ErrorKind.NOT_FOUND || e.kind() == ErrorKind.INVALID_INPUT) {
        return false;
      }
      throw e;
    }
  }

  /**
   * The engine-side names of the project's networks: {@code <project>_default} and the declared.
   */
  private static List<String> projectNetworkNames(ComposeProject p) {
    List<String> out = new ArrayList<>();
    boolean defaultUsed =
        p.services().values().stream()
            .anyMatch(s -> s.networks().isEmpty() || s.networks().containsKey("default"));
    if (defaultUsed && !p.networks().containsKey("default")) {
      out.add(p.name() + "_default");
    }
    for (Map.Entry<String, NetworkConfig> n : p.networks().entrySet()) {
      if (!n.getValue().external()) {
        out.add(n.getValue().name());
      }
    }
    return out;
  }

  private void ensureNetworks(ComposeProject p, Streams io) throws IOException {
    NetworkService networks = berth.networks();
    Set<String> existing = new LinkedHashSet<>();
    for (NetworkService.NetworkRow r : networks.list()) {
      existing.add(r.name());
    }
    for (String net : projectNetworkNames(p)) {
      if (!existing.contains(net)) {
        networks.create(net, Optional.empty(), Map.of(PROJECT, p.name()));
        io.progress("Network " + net + " Created");
      }
    }
  }

  private void ensureVolumes(ComposeProject p) throws IOException {
    for (VolumeConfig v : p.volumes().values()) {
      if (!v.external() && berth.volumes().list().stream().noneMatch(v.name()::equals)) {
        berth.volumes().create(v.name(), Map.of(PROJECT, p.name()));
      }
    }
  }

  private List<ContainerService.ContainerRow> projectContainers(ComposeProject p, boolean all)
      throws IOException {
    List<ContainerService.ContainerRow> rows =
        berth.containers().list(all, r -> p.name().equals(r.labels().get(PROJECT)));
    List<ContainerService.ContainerRow> out = new ArrayList<>(rows);
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return out;
  }

  /** What berth runs for one container of a service. */
  private RunOptions runOptions(ComposeProject p, Service s, String name, int number, String hash)
      throws BerthException {
    Map<String, String> labels = new LinkedHashMap<>(s.labels());
    labels.put(PROJECT, p.name());
    labels.put(SERVICE, s.name());
    labels.put(NUMBER, Integer.toString(number));
    labels.put(HASH, hash);
    labels.put(ONEOFF, "False");
    labels.put("com.docker.compose.project.working_dir", p.workingDirectory().toString());
    labels.put("com.docker.compose.project.config_files", String.join(",", p.composeFiles()));
    List<MountOption> mounts = new ArrayList<>();
    for (VolumeMount v : s.volumes()) {
      switch (v.type()) {
        case "bind" ->
            mounts.add(new MountOption.Bind(Path.of(v.source()), v.target(), v.readOnly()));
        case "volume" -> {
          if (v.source().isEmpty()) {
            throw BerthException.invalid(
                "services." + s.name() + ".volumes: anonymous volumes are not supported; name one");
          }
          VolumeConfig declared = p.volumes().get(v.source());
          String volume = declared == null ? v.source() : declared.name();
          mounts.add(new MountOption.Volume(volume, v.target(), v.readOnly()));
        }
        case "tmpfs" -> mounts.add(new MountOption.Tmpfs(v.target(), List.of()));
        default ->
            throw BerthException.invalid(
                "services." + s.name() + ".volumes: type " + v.type() + " is not supported");
      }
    }
    for (String t : s.tmpfs()) {
      mounts.add(new MountOption.Tmpfs(t, List.of()));
    }
    List<ContainerNetwork> networks = new ArrayList<>();
    if (s.networkMode().isPresent()) {
      String mode = s.networkMode().get();
      networks.add(
          switch (mode) {
            case "host" -> new ContainerNetwork.Host();
            case "none" -> new ContainerNetwork.None();
            default ->
                throw BerthException.invalid(
                    "services." + s.name() + ".network_mode: " + mode + " is not supported");
          });
    } else if (s.networks().isEmpty()) {
      networks.add(new ContainerNetwork.Named(p.name() + "_default", List.of(s.name())));
    } else {
      for (Map.Entry<String, Optional<NetworkAttachment>> n : s.networks().entrySet()) {
        NetworkConfig declared = p.networks().get(n.getKey());
        String net =
            declared == null
                ? (n.getKey().equals("default") ? p.name() + "_default" : n.getKey())
                : declared.name();
        List<String> aliases = new ArrayList<>(List.of(s.name()));
        n.getValue().ifPresent(a -> aliases.addAll(a.aliases()));
        networks.add(new ContainerNetwork.Named(net, aliases));
      }
    }
    List<PortOption> ports = new ArrayList<>();
    for (PortConfig pc : s.ports()) {
      if (pc.published().isEmpty()) {
        continue;
      }
      String pub = pc.published().get();
      int dash = pub.indexOf('-');
      int lo = Integer.parseInt(dash < 0 ? pub : pub.substring(0, dash));
      int hi = dash < 0 ? lo : Integer.parseInt(pub.substring(dash + 1));
      for (int port = lo; port <= hi; port++) {
        ports.add(
            new PortOption(pc.hostIp().orElse(""), port, pc.target() + (port - lo), pc.protocol()));
      }
    }
    return new RunOptions(
            s.imageName(p.name()),
            Optional.of(name),
            s.command().orElse(List.of()),
            s.entrypoint().map(e -> String.join(" ", e)),
            s.environment(),
            s.workingDir(),
            s.user(),
            s.hostname(),
            labels,
            mounts,
            networks,
            ports,
            s.init().orElse(false),
            s.stopSignal(),
            s.stopGracePeriod(),
            false,
            true,
            s.stdinOpen(),
            s.tty())
        .withUserns(userns(s))
        .withPrivileges(
            new Privileges(s.privileged(), s.capAdd(), s.capDrop(), List.of(), securityOpts(s)));
  }

  /**
   * {@code security_opt}, read as {@code --security-opt} (a profile path is taken from the working
   * directory, as docker compose passes it to the engine).
   */
  private static List<SecurityOption> securityOpts(Service s) throws BerthException {
    Object opts = s.otherAttributes().get("security_opt");
    List<SecurityOption> out = new ArrayList<>();
    if (opts instanceof List<?> list) {
      for (Object o : list) {
        try {
          out.add(SecurityOption.parse(String.valueOf(o)));
        } catch (IllegalArgumentException e) {
          throw BerthException.invalid("services." + s.name() + ".security_opt: " + e.getMessage());
        }
      }
    }
    return out;
  }

  /** {@code userns_mode}, as podman-compose passes it on: {@code host} or {@code keep-id}. */
  private static RunOptions.Userns userns(Service s) throws BerthException {
    Object mode = s.otherAttributes().get("userns_mode");
    if (mode == null) {
      return RunOptions.Userns.SHARED;
    }
    try {
      return RunOptions.Userns.parse(mode.toString());
    } catch (IllegalArgumentException e) {
      throw BerthException.invalid("services." + s.name() + ".userns_mode: " + e.getMessage());
    }
  }

  /** Waits for each dependency's condition: started, healthy, or completed successfully. */
  private void awaitDependencies(ComposeProject p, Service s, Streams io)
      throws IOException, InterruptedException {
    for (Map.Entry<String, Dependency> d : s.dependsOn().entrySet()) {
      Optional<Service> dep = p.service(d.getKey());
      if (dep.isEmpty()) {
        if (d.getValue().required()) {
          throw new BerthException(
              ErrorKind.NOT_FOUND,
              "service " + s.name() + " depends on " + d.getKey() + ", which is not enabled");
        }
        continue;
      }
      String name = dep.get().containerName().orElse(p.name() + "-" + d.getKey() + "-1");
      switch (d.getValue().condition()) {
        case Dependency.HEALTHY -> awaitHealthy(p, dep.get(), io);
        case Dependency.COMPLETED -> {
          int code = berth.containers().waitFor(name);
          if (code != 0) {
            throw new BerthException(
                ErrorKind.FAILED,
                "service " + d.getKey() + " didn't complete successfully: exit " + code);
          }
        }
        default -> {
          // service_started: it was started before this one, in dependency order
        }
      }
    }
  }

  /** The check a service's containers run: the service's own, else the image's. */
  private Optional<Healthcheck> healthcheck(ComposeProject p, Service s) throws IOException {
    Optional<HealthcheckConfig> h = s.healthcheck();
    if (h.isPresent() && h.get().disable()) {
      return Optional.empty();
    }
    Healthcheck image = null;
    try (Store store = berth.openStore()) {
      StoredImage img = new LocalImages(store).find(s.imageName(p.name()));
      image = img.config().config().healthcheck().orElse(null);
    } catch (BerthException e) {
      if (e.kind() != ErrorKind.NOT_FOUND) {
        throw e;
      }
    }
    List<String> test =
        h.isPresent() && !h.get().test().isEmpty()
            ? h.get().test()
            : image == null ? List.of() : image.test();
    if (test.isEmpty() || test.get(0).equals("NONE")) {
      return Optional.empty();
    }
    Duration interval =
        h.flatMap(HealthcheckConfig::interval)
            .orElse(
                image == null || image.interval().isZero()
                    ? Duration.ofSeconds(30)
                    : image.interval());
    Duration timeout =
        h.flatMap(HealthcheckConfig::timeout)
            .orElse(
                image == null || image.timeout().isZero()
                    ? Duration.ofSeconds(30)
                    : image.timeout());
    int retries =
        h.flatMap(HealthcheckConfig::retries)
            .map(Long::intValue)
            .orElse(image == null || image.retries() == 0 ? 3 : image.retries());
    Duration start =
        h.flatMap(HealthcheckConfig::startPeriod)
            .orElse(image == null ? Duration.ZERO : image.startPeriod());
    return Optional.of(new Healthcheck(test, interval, timeout, start, Duration.ZERO, retries));
  }

  /**
   * berth has no daemon to run checks in the background: {@code up} runs a service's check itself
   * while something waits for it to be healthy, every interval, until it passes or fails {@code
   * retries} times after the start period.
   */
  private void awaitHealthy(ComposeProject p, Service s, Streams io)
      throws IOException, InterruptedException {
    Healthcheck h =
        healthcheck(p, s)
            .orElseThrow(
                () ->
                    new BerthException(
                        ErrorKind.INVALID_INPUT,
                        "service " + s.name() + " is waited on as healthy but has no healthcheck"));
    String name = s.containerName().orElse(p.name() + "-" + s.name() + "-1");
    long startEnds = System.nanoTime() + h.startPeriod().toNanos();
    int failures = 0;
    while (true) {
      if (check(p, s, name)) {
        io.progress("Container " + name + " Healthy");
        return;
      }
      if (System.nanoTime() > startEnds && ++failures >= h.retries()) {
        throw new BerthException(
            ErrorKind.FAILED, "dependency failed to start: container " + name + " is unhealthy");
      }
      Thread.sleep(Math.max(100, Math.min(h.interval().toMillis(), 2000)));
    }
  }

  /** Runs the check once in the container: true when it exits 0. */
  private boolean check(ComposeProject p, Service s, String container) throws IOException {
    Optional<Healthcheck> h = healthcheck(p, s);
    if (h.isEmpty()) {
      return true;
    }
    List<String> test = h.get().test();
    List<String> argv =
        test.get(0).equals("CMD-SHELL")
            ? List.of("/bin/sh", "-c", String.join(" ", test.subList(1, test.size())))
            : test.subList(1, test.size());
    try {
      OutputStream discard = OutputStream.nullOutputStream();
      return berth
              .containers()
              .exec(
                  new ContainerService.ExecOptions(
                      container,
                      argv,
                      Map.of(),
                      Optional.empty(),
                      Optional.empty(),
                      false,
                      false,
                      false),
                  new ContainerService.Streams(
                      InputStream.nullInputStream(), discard, discard, false))
          == 0;
    } catch (BerthException e) {
      if (e.kind() == ErrorKind.FAILED_PRECONDITION) {
        return false;
      }
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
