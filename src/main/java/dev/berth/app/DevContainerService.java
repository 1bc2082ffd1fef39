package dev.berth.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.devcontainer.ConfigFingerprint;
import dev.berth.devcontainer.ConfigLoader;
import dev.berth.devcontainer.ConfigMount;
import dev.berth.devcontainer.DevContainerConfig;
import dev.berth.devcontainer.DevContainerUsers;
import dev.berth.devcontainer.DevcontainerId;
import dev.berth.devcontainer.FeatureFetcher;
import dev.berth.devcontainer.FeatureResolver;
import dev.berth.devcontainer.FeatureSet;
import dev.berth.devcontainer.ForwardPort;
import dev.berth.devcontainer.GitRoot;
import dev.berth.devcontainer.HookCommand;
import dev.berth.devcontainer.LifecycleCommand;
import dev.berth.devcontainer.LifecycleHook;
import dev.berth.devcontainer.LoadedConfig;
import dev.berth.devcontainer.MergedConfiguration;
import dev.berth.devcontainer.MetadataChain;
import dev.berth.devcontainer.MetadataLabel;
import dev.berth.devcontainer.Mount;
import dev.berth.devcontainer.PublishedPort;
import dev.berth.devcontainer.ReadConfiguration;
import dev.berth.devcontainer.ResolvedFeature;
import dev.berth.devcontainer.RunArgs;
import dev.berth.devcontainer.Scenario;
import dev.berth.devcontainer.UidMapPlan;
import dev.berth.devcontainer.UidMapPlanner;
import dev.berth.devcontainer.UidMapWarning;
import dev.berth.devcontainer.UserEnvProbe;
import dev.berth.diag.BerthException;
import dev.berth.diag.Diagnostic;
import dev.berth.diag.DiagnosticRenderer;
import dev.berth.diag.ErrorKind;
import dev.berth.dockerfile.DockerfileReader;
import dev.berth.event.BuildEvent;
import dev.berth.event.EventSink;
import dev.berth.image.ImageReference;
import dev.berth.store.AtomicFiles;
import dev.berth.store.LocalImages;
import dev.berth.store.Store;
import dev.berth.store.StoredImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * {@code berth dev}: dev containers as the Development Containers Specification and the reference
 * CLI make them: the config found and read (package {@code devcontainer}), the image built with its
 * Features and its {@code devcontainer.metadata} label, the remote user's UID mapped to the host
 * user's in a thin image, a container created (or reused) with the workspace mounted, and the
 * lifecycle hooks run, each logged.
 */
public final class DevContainerService {

  static final String FINGERPRINT = "dev.berth.devcontainer.fingerprint";
  static final String ID_LABEL = "dev.berth.devcontainer.id";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The first line of the Dockerfiles berth writes: the build's checks are for the user's own. */
  private static final String GENERATED = "# check=skip=all\n";

  private static final List<String> KEEP_ALIVE =
      List.of(
          "/bin/sh",
          "-c",
          "echo Container started; trap \"exit 0\" 15; while sleep 1 & wait $!; do :; done");

  /** Which dev container: its workspace and config, and the options of {@code up}. */
  public record DevRequest(
      Path workspaceFolder,
      Optional<Path> config,
      Map<String, String> idLabels,
      boolean removeExisting,
      boolean buildNoCache,
      boolean skipPostCreate,
      boolean skipPostAttach) {
    public DevRequest {
      idLabels = Map.copyOf(idLabels);
    }
  }

  /** What {@code dev up} prints as its last line, as the reference CLI does. */
  public record UpResult(
      String containerId, String remoteUser, String remoteWorkspaceFolder, List<String> warnings) {

    public String json() {
      ObjectNode o = JSON.createObjectNode();
      o.put("outcome", "success");
      o.put("containerId", containerId);
      o.put("remoteUser", remoteUser);
      o.put("remoteWorkspaceFolder", remoteWorkspaceFolder);
      if (!warnings.isEmpty()) {
        ArrayNode w = o.putArray("warnings");
        warnings.forEach(w::add);
      }
      return o.toString();
    }

    /** The line printed when up fails. */
    public static String error(String message) {
      ObjectNode o = JSON.createObjectNode();
      o.put("outcome", "error");
      o.put("message", message);
      o.put("description", message);
      return o.toString();
    }
  }

  private final Berth berth;

  DevContainerService(Berth berth) {
    this.berth = berth;
  }

  // ------------------------------------------------------------------ reading

  private LoadedConfig load(DevRequest r, Consumer<String> progress) throws IOException {
    Path folder = r.workspaceFolder().toAbsolutePath().normalize();
    if (!Files.isDirectory(folder)) {
      throw BerthException.invalid("the workspace folder " + folder + " does not exist");
    }
    LoadedConfig loaded =
        new ConfigLoader(System.getenv(), GitRoot.GIT)
            .load(new ConfigLoader.Request(folder, r.config().map(Path::toAbsolutePath), true));
    String warnings = renderer().render(loaded.warnings());
    if (!warnings.isEmpty()) {
      progress.accept(warnings.stripTrailing());
    }
    Map<String, String> labels = new TreeMap<>(r.idLabels());
    if (labels.isEmpty()) {
      labels.putAll(DevcontainerId.defaultLabels(loaded.workspaceFolder(), loaded.configFile()));
    }
    return loaded.withDevcontainerId(DevcontainerId.of(labels));
  }

  private static DiagnosticRenderer renderer() {
    return new DiagnosticRenderer(
        f -> {
          try {
            return Files.readAllLines(Path.of(f));
          } catch (IOException | RuntimeException e) {
            return List.of();
          }
        });
  }

  /** {@code dev read-configuration}: the config after substitution, as the reference CLI prints. */
  public String readConfiguration(DevRequest r, boolean includeMerged, Consumer<String> progress)
      throws IOException {
    LoadedConfig loaded = load(r, progress);
    FeatureSet features = new FeatureResolver(fetcher()).resolve(loaded);
    Optional<MetadataChain> chain = Optional.empty();
    if (includeMerged) {
      chain = Optional.of(MetadataChain.of(loaded, baseMetadata(loaded), features));
    }
    return JSON.writerWithDefaultPrettyPrinter()
        .writeValueAsString(ReadConfiguration.render(loaded, Optional.of(features), chain));
  }

  /** OCI Features come through berth's registry client; see {@link OciFeatures}. */
  private FeatureFetcher fetcher() {
    return new OciFeatures(berth);
  }

  // ------------------------------------------------------------------ up

  /** {@code dev up}: the dev container running, its hooks run; the result line's values. */
  public UpResult up(DevRequest r, Consumer<String> progress)
      throws IOException, InterruptedException {
    LoadedConfig loaded = load(r, progress);
    DevContainerConfig config = loaded.config();
    if (config.scenario() instanceof Scenario.Compose) {
      throw BerthException.invalid(
          config.configFile()
              + ": dockerComposeFile: berth dev runs image and Dockerfile dev containers; the"
              + " compose scenario is not supported yet (start the services with berth compose"
              + " up)");
    }
    List<String> warnings = new ArrayList<>();
    if (config.initializeCommand().isPresent()) {
      progress.accept("Running the initializeCommand from devcontainer.json on the host...");
      runOnHost(config.initializeCommand().get(), loaded.workspaceFolder(), progress);
    }
    FeatureSet features = new FeatureResolver(fetcher()).resolve(loaded);
    String devId = devcontainerId(loaded, r);
    Path devDir = devDir(devId);
    Map<String, String> files = inputDigests(config, features);
    ConfigFingerprint fingerprint = ConfigFingerprint.of(loaded, files);

    ContainerService containers = berth.containers();
    Optional<ContainerService.ContainerRow> existing = findContainer(devId);
    boolean rebuild = r.buildNoCache();
    if (existing.isPresent()) {
      String old = existing.get().labels().get(FINGERPRINT);
      List<ConfigFingerprint.Change> changes =
          old == null ? List.of() : fingerprint.changesSince(ConfigFingerprint.fromLabel(old));
      if (!changes.isEmpty() || r.removeExisting()) {
        for (ConfigFingerprint.Change c : changes) {
          progress.accept("Changed since the container was made: " + c.description());
        }
        if (ConfigFingerprint.impactOf(changes) == ConfigFingerprint.Impact.IMAGE) {
          rebuild = true;
        }
        progress.accept("Removing the dev container " + existing.get().name() + " to make it anew");
        containers.remove(List.of(existing.get().id()), true, false);
        existing = Optional.empty();
      }
    }
    Built built = imageFor(loaded, features, devId, rebuild, progress);
    String image = built.image();
    MetadataChain chain = built.chain();
    MergedConfiguration merged = chain.merged();
    StoredImage stored = storedImage(image);
    String imageUser = stored.config().config().user();
    DevContainerUsers users = DevContainerUsers.resolve(merged, config.runArgs(), imageUser);
    RunOptions.Userns userns = userns(config.runArgs());
    UidMapPlan plan =
        userns == RunOptions.Userns.KEEP_ID
            ? keepIdPlan(users, progress)
            : uidPlan(stored, users.remoteUser(), merged);
    for (UidMapWarning w : plan.warnings()) {
      progress.accept("warning: " + w.message());
      warnings.add(w.kind().code() + ": " + w.message());
    }
    String runImage = plan.change().isPresent() ? mapUid(image, plan, devId, progress) : image;

    String containerId;
    boolean created = false;
    if (existing.isPresent()) {
      containerId = existing.get().id();
      if (!existing.get().state().equals("running")) {
        containers.start(containerId, false, quiet());
        runHooks(
            devDir, containerId, LifecycleHook.POST_START, merged, loaded, users, plan, progress);
      }
      progress.accept("Reusing the dev container " + existing.get().name());
    } else {
      containerId = create(loaded, merged, runImage, users, userns, devId, fingerprint, progress);
      created = true;
    }
    String remoteUser = plan.user();
    if (created) {
      clearMarkers(devDir);
    }
    Map<String, String> probed = probeEnv(containerId, remoteUser, merged, loaded);
    Files.writeString(devDir.resolve("env.json"), JSON.writeValueAsString(probed));
    loaded = loaded.withContainerEnv(containerEnvOf(containerId));
    chain = chain.withContainerEnv(containerEnvOf(containerId));
    merged = chain.merged();
    for (LifecycleHook hook :
        List.of(LifecycleHook.ON_CREATE, LifecycleHook.UPDATE_CONTENT, LifecycleHook.POST_CREATE)) {
      if (hook == LifecycleHook.POST_CREATE && r.skipPostCreate()) {
        continue;
      }
      if (!Files.exists(marker(devDir, containerId, hook))) {
        runHooks(devDir, containerId, hook, merged, loaded, users, plan, progress);
        Files.writeString(marker(devDir, containerId, hook), Instant.now().toString());
      }
    }
    if (created) {
      runHooks(
          devDir, containerId, LifecycleHook.POST_START, merged, loaded, users, plan, progress);
    }
    if (!r.skipPostAttach()) {
      runHooks(
          devDir, containerId, LifecycleHook.POST_ATTACH, merged, loaded, users, plan, progress);
    }
    ObjectNode remote =
        JSON.createObjectNode()
            .put("containerId", containerId)
            .put("remoteUser", remoteUser)
            .put("workspaceFolder", config.workspace().containerFolder());
    ObjectNode envNode = remote.putObject("remoteEnv");
    remoteEnv(devDir, merged).forEach(envNode::put);
    Files.writeString(devDir.resolve("remote.json"), JSON.writeValueAsString(remote));
    return new UpResult(containerId, remoteUser, config.workspace().containerFolder(), warnings);
  }

  private static ContainerService.Streams quiet() {
    OutputStream discard = OutputStream.nullOutputStream();
    return new ContainerService.Streams(InputStream.nullInputStream(), discard, discard, false);
  }

  private String devcontainerId(LoadedConfig loaded, DevRequest r) {
    Map<String, String> labels = new TreeMap<>(r.idLabels());
    if (labels.isEmpty()) {
      labels.putAll(DevcontainerId.defaultLabels(loaded.workspaceFolder(), loaded.configFile()));
    }
    return DevcontainerId.of(labels);
  }

  /** berth's own room for a dev container: hook logs, once-only markers, the probed env. */
  private Path devDir(String devId) throws IOException {
    return Files.createDirectories(berth.storeRoot().resolve("devcontainers").resolve(devId));
  }

  private static Path marker(Path devDir, String containerId, LifecycleHook hook) {
    return devDir.resolve("done-" + containerId.substring(0, 12) + "-" + hook.property());
  }

  private static void clearMarkers(Path devDir) throws IOException {
    try (var s = Files.list(devDir)) {
      for (Path p : s.filter(f -> f.getFileName().toString().startsWith("done-")).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** What the image depends on, for rebuild detection: the Dockerfile and the Features. */
  private static Map<String, String> inputDigests(DevContainerConfig config, FeatureSet features)
      throws IOException {
    Map<String, String> files = new TreeMap<>(ConfigFingerprint.featureDigests(features));
    if (config.scenario() instanceof Scenario.Dockerfile d && Files.exists(d.dockerfile())) {
      files.put("Dockerfile", ConfigFingerprint.sha256(Files.readAllBytes(d.dockerfile())));
    }
    return files;
  }

  private Optional<ContainerService.ContainerRow> findContainer(String devId) throws IOException {
    return berth.containers().list(true, row -> devId.equals(row.labels().get(ID_LABEL))).stream()
        .findFirst();
  }

  // ------------------------------------------------------------------ the image

  /** The dev image and the metadata chain it was made with (from its base image on). */
  private record Built(String image, MetadataChain chain) {}

  /** The dev container's image: pulled, or built, then with its Features installed. */
  private Built imageFor(
      LoadedConfig loaded,
      FeatureSet features,
      String devId,
      boolean noCache,
      Consumer<String> progress)
      throws IOException, InterruptedException {
    DevContainerConfig config = loaded.config();
    String base;
    if (config.scenario() instanceof Scenario.Image i) {
      base = i.image();
      if (!imageExists(base)) {
        progress.accept("Pulling " + base);
        berth.registries().pull(base, progress);
      }
    } else {
      Scenario.Dockerfile d = (Scenario.Dockerfile) config.scenario();
      base = "localhost/berth-dev-" + devId.substring(0, 12) + ":base";
      progress.accept("Building the dev container's image from " + d.dockerfile());
      if (d.target().isPresent()) {
        checkTarget(d);
      }
      berth
          .builds()
          .build(
              new BuildOptions(
                      d.context(),
                      Optional.of(d.dockerfile()),
                      List.of(ImageReference.parse(base)),
                      d.target(),
                      d.args(),
                      noCache,
                      Map.of(),
                      Optional.empty(),
                      Optional.empty(),
                      Optional.empty(),
                      List.of(),
                      false,
                      false,
                      false)
                  .withCache(
                      CacheSpecs.fromAll(d.cacheFrom(), "devcontainer.json build.cacheFrom"),
                      List.of()),
              lines(progress));
    }
    MetadataChain chain = MetadataChain.of(loaded, metadataOf(base), features);
    return new Built(withFeatures(base, features, chain, devId, noCache, progress), chain);
  }

  /** A target that is no stage is the config's mistake: say so, listing the stages. */
  private static void checkTarget(Scenario.Dockerfile d) throws IOException {
    var df =
        DockerfileReader.parse(d.dockerfile().toString(), DockerfileFiles.read(d.dockerfile()));
    List<String> stages = new ArrayList<>();
    df.stages().forEach(s -> s.name().ifPresent(stages::add));
    if (stages.stream().noneMatch(n -> n.equalsIgnoreCase(d.target().get()))) {
      throw BerthException.invalid(
          "build.target \""
              + d.target().get()
              + "\" is not a stage of "
              + d.dockerfile()
              + "; its stages are: "
              + String.join(", ", stages));
    }
  }

  /**
   * The image with the Features installed (each its own RUN, in install order, its options as
   * environment) and the {@code devcontainer.metadata} label of the whole chain.
   */
  private String withFeatures(
      String base,
      FeatureSet features,
      MetadataChain chain,
      String devId,
      boolean noCache,
      Consumer<String> progress)
      throws IOException, InterruptedException {
    Path ctx = Files.createTempDirectory("berth-dev-features-");
    try {
      StringBuilder df = new StringBuilder(GENERATED + "FROM " + base + "\n");
      df.append("USER root\n");
      int n = 0;
      for (ResolvedFeature f : features.features()) {
        String dir = "feature-" + (n++);
        Process p =
            new ProcessBuilder("cp", "-a", f.directory().toString(), ctx.resolve(dir).toString())
                .redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
          throw BerthException.failed("cannot copy Feature " + f.userFeatureId());
        }
        StringBuilder env = new StringBuilder();
        for (Map.Entry<String, String> e : f.installEnv().entrySet()) {
          env.append(e.getKey()).append('=').append(ShellQuote.quote(e.getValue())).append(' ');
        }
        df.append("COPY ").append(dir).append(" /tmp/berth-features/").append(dir).append('\n');
        df.append("RUN cd /tmp/berth-features/")
            .append(dir)
            .append(" && chmod +x install.sh && env ")
            .append(env)
            .append("./install.sh && rm -rf /tmp/berth-features/")
            .append(dir)
            .append('\n');
        for (Map.Entry<String, String> e : f.metadata().containerEnv().entrySet()) {
          df.append("ENV ")
              .append(e.getKey())
              .append('=')
              .append(ShellQuote.quote(e.getValue()))
              .append('\n');
        }
      }
      if (!features.features().isEmpty()) {
        progress.accept("Installing " + features.features().size() + " Feature(s)");
      }
      String user = storedImage(base).config().config().user();
      if (!user.isEmpty()) {
        df.append("USER ").append(user).append('\n');
      }
      Files.writeString(ctx.resolve("Dockerfile"), df.toString());
      String image = "localhost/berth-dev-" + devId.substring(0, 12) + ":latest";
      berth
          .builds()
          .build(
              new BuildOptions(
                  ctx,
                  Optional.empty(),
                  List.of(ImageReference.parse(image)),
                  Optional.empty(),
                  Map.of(),
                  noCache,
                  Map.of(MetadataLabel.NAME, chain.labelValue()),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  List.of(),
                  false,
                  false,
                  false),
              lines(progress));
      return image;
    } finally {
      AtomicFiles.deleteTree(ctx);
    }
  }

  private static EventSink lines(Consumer<String> progress) {
    return event -> {
      if (event instanceof BuildEvent.StepStarted s) {
        progress.accept(
            "#"
                + s.step()
                + " ["
                + s.stage()
                + " "
                + s.number()
                + "/"
                + s.total()
                + "] "
                + s.text());
      } else if (event instanceof BuildEvent.StepOutput o) {
        progress.accept("#" + o.step() + " " + o.line());
      } else if (event instanceof BuildEvent.StepCached c) {
        progress.accept("#" + c.step() + " CACHED");
      } else if (event instanceof BuildEvent.Note n) {
        progress.accept(n.text());
      }
    };
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

  private StoredImage storedImage(String name) throws IOException {
    try (Store store = berth.openStore()) {
      return new LocalImages(store).find(name);
    }
  }

  /** The image's {@code devcontainer.metadata} entries, when it has the label. */
  private List<ObjectNode> metadataOf(String image) throws IOException {
    String label = storedImage(image).config().config().labels().get(MetadataLabel.NAME);
    return label == null ? List.of() : MetadataLabel.parse(label, image).entries();
  }

  /** The base image's metadata for read-configuration: only when it is already in the store. */
  private List<ObjectNode> baseMetadata(LoadedConfig loaded) throws IOException {
    if (loaded.config().scenario() instanceof Scenario.Image i && imageExists(i.image())) {
      return metadataOf(i.image());
    }
    return List.of();
  }

  // ------------------------------------------------------------------ users

  /**
   * Rootless, a dev container runs with podman's keep-id mapping unless {@code runArgs} asks for
   * {@code --userns=host}, as the devcontainers CLI does with podman: the host user's IDs appear
   * unchanged inside, as the container user, with no image rebuilt for them.
   */
  private RunOptions.Userns userns(RunArgs runArgs) throws BerthException {
    Optional<String> asked = runArgs.userns();
    if (asked.isPresent()) {
      try {
        return RunOptions.Userns.parse(asked.get());
      } catch (IllegalArgumentException e) {
        throw BerthException.invalid("runArgs: " + e.getMessage());
      }
    }
    return berth.rootless().isPresent() ? RunOptions.Userns.KEEP_ID : RunOptions.Userns.SHARED;
  }

  /** What keep-id does to the users: the container user takes the host user's IDs. */
  private static UidMapPlan keepIdPlan(DevContainerUsers users, Consumer<String> progress) {
    if (!users.remoteUser().equals(users.containerUser())) {
      progress.accept(
          "warning: keep-id gives the host user's IDs to the container user "
              + users.containerUser()
              + "; the remote user "
              + users.remoteUser()
              + " keeps its own");
    }
    return new UidMapPlan(users.remoteUser(), Optional.empty(), List.of());
  }

  private UidMapPlan uidPlan(StoredImage image, String remoteUser, MergedConfiguration merged)
      throws IOException {
    long uid = ProcessIds.uid();
    long gid = ProcessIds.gid();
    String passwd = "";
    String group = "";
    try (Store store = berth.openStore()) {
      Path tmp = store.newTempPath("etc");
      Files.createDirectories(tmp);
      passwd = readFromImage(image, "etc/passwd");
      group = readFromImage(image, "etc/group");
    }
    return UidMapPlanner.plan(
        new UidMapPlanner.Request(
            passwd,
            group,
            remoteUser,
            (int) uid,
            (int) gid,
            merged.updateRemoteUserUID().orElse(true),
            merged.berth().chownPaths()));
  }

  /** A file of the image, read by running cat in a throwaway container of it. */
  private String readFromImage(StoredImage image, String path) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      berth
          .containers()
          .run(
              withEntrypoint(image.id().toString(), "cat", List.of("/" + path)),
              new ContainerService.Streams(
                  InputStream.nullInputStream(), out, OutputStream.nullOutputStream(), false));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading " + path + " of the image", e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static RunOptions withEntrypoint(String image, String entrypoint, List<String> args) {
    RunOptions base = RunOptions.of(image, args);
    return new RunOptions(
        base.image(),
        Optional.empty(),
        args,
        Optional.of(entrypoint),
        Map.of(),
        Optional.empty(),
        Optional.of("0"),
        Optional.empty(),
        Map.of(),
        List.of(),
        List.of(new ContainerNetwork.None()),
        List.of(),
        false,
        Optional.empty(),
        Optional.empty(),
        true,
        false,
        false,
        false);
  }

  /** A thin image over {@code image} with the remote user's UID and GID those of the host user. */
  private String mapUid(String image, UidMapPlan plan, String devId, Consumer<String> progress)
      throws IOException, InterruptedException {
    UidMapPlan.Change c = plan.change().orElseThrow();
    progress.accept(
        "Mapping "
            + plan.user()
            + " from "
            + c.oldUid()
            + ":"
            + c.oldGid()
            + " to the host user's "
            + c.uid()
            + ":"
            + c.gid());
    Path ctx = Files.createTempDirectory("berth-dev-uid-");
    try {
      Files.writeString(ctx.resolve("passwd"), c.passwd());
      Files.writeString(ctx.resolve("group"), c.group());
      StringBuilder df = new StringBuilder(GENERATED + "FROM " + image + "\nUSER root\n");
      df.append("COPY passwd /etc/passwd\nCOPY group /etc/group\n");
      if (!c.chown().isEmpty()) {
        df.append("RUN chown -R ").append(c.uid()).append(':').append(c.gid());
        for (String p : c.chown()) {
          df.append(' ').append(ShellQuote.quote(p));
        }
        df.append(" 2>/dev/null || true\n");
      }
      String user = storedImage(image).config().config().user();
      if (!user.isEmpty()) {
        df.append("USER ").append(user).append('\n');
      }
      Files.writeString(ctx.resolve("Dockerfile"), df.toString());
      String mapped = "localhost/berth-dev-" + devId.substring(0, 12) + ":uid-" + c.uid();
      berth
          .builds()
          .build(
              new BuildOptions(
                  ctx,
                  Optional.empty(),
                  List.of(ImageReference.parse(mapped)),
                  Optional.empty(),
                  Map.of(),
                  false,
                  Map.of(),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  List.of(),
                  false,
                  false,
                  false),
              lines(progress));
      return mapped;
    } finally {
      AtomicFiles.deleteTree(ctx);
    }
  }

  // ------------------------------------------------------------------ the container

  private String create(
      LoadedConfig loaded,
      MergedConfiguration merged,
      String image,
      DevContainerUsers users,
      RunOptions.Userns userns,
      String devId,
      ConfigFingerprint fingerprint,
      Consumer<String> progress)
      throws IOException, InterruptedException {
    DevContainerConfig config = loaded.config();
    List<MountOption> mounts = new ArrayList<>();
    config.workspace().mount().ifPresent(m -> mounts.add(mountOption(m)));
    for (ConfigMount m : merged.mounts()) {
      mounts.add(mountOption(m.mount()));
    }
    for (Mount m : config.runArgs().mounts()) {
      mounts.add(mountOption(m));
    }
    Map<String, String> env = new LinkedHashMap<>(merged.containerEnv());
    env.putAll(config.runArgs().env());
    Map<String, String> labels = new LinkedHashMap<>(config.runArgs().labels());
    labels.putAll(DevcontainerId.defaultLabels(loaded.workspaceFolder(), loaded.configFile()));
    labels.put(ID_LABEL, devId);
    labels.put(FINGERPRINT, fingerprint.toLabel());
    labels.put(MetadataLabel.NAME, MetadataLabel.value(List.of()));
    List<PortOption> ports = new ArrayList<>();
    for (ForwardPort f : merged.forwardPorts()) {
      ports.add(new PortOption("127.0.0.1", f.port(), f.port(), "tcp"));
    }
    for (PublishedPort p : config.appPort()) {
      ports.add(
          new PortOption(
              p.hostIp(), p.hostPort().orElse(p.containerPort()), p.containerPort(), p.protocol()));
    }
    for (PublishedPort p : config.runArgs().publish()) {
      ports.add(
          new PortOption(
              p.hostIp(), p.hostPort().orElse(p.containerPort()), p.containerPort(), p.protocol()));
    }
    List<String> command = merged.overrideCommand().orElse(true) ? KEEP_ALIVE : List.of();
    Optional<String> entrypoint = Optional.empty();
    if (!merged.entrypoints().isEmpty()) {
      entrypoint = Optional.of("/bin/sh");
      List<String> chained =
          new ArrayList<>(
              List.of("-c", String.join(" && ", merged.entrypoints()) + " && exec \"$@\"", "sh"));
      chained.addAll(command);
      command = chained;
    } else if (merged.overrideCommand().orElse(true)) {
      entrypoint = Optional.of("");
    }
    ContainerNetwork network =
        config
            .runArgs()
            .network()
            .map(
                n ->
                    switch (n) {
                      case "host" -> (ContainerNetwork) new ContainerNetwork.Host();
                      case "none" -> new ContainerNetwork.None();
                      default -> new ContainerNetwork.Named(n, List.of());
                    })
            .orElse(ContainerNetwork.standard());
    // securityOpt of the config and its Features, and --security-opt in runArgs, as the
    // reference CLI passes both to docker run.
    List<SecurityOption> securityOpts = new ArrayList<>();
    for (String opt :
        new java.util.LinkedHashSet<>(
            java.util.stream.Stream.concat(
                    merged.securityOpt().stream(), config.runArgs().securityOpt().stream())
                .toList())) {
      try {
        securityOpts.add(SecurityOption.parse(opt));
      } catch (IllegalArgumentException e) {
        throw BerthException.invalid("securityOpt: " + e.getMessage());
      }
    }
    String name =
        "berth-dev-"
            + loaded
                .workspaceFolder()
                .getFileName()
                .toString()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_.-]", "-")
            + "-"
            + devId.substring(0, 8);
    RunOptions o =
        new RunOptions(
                image,
                Optional.of(name),
                command,
                entrypoint,
                env,
                Optional.empty(),
                Optional.of(users.containerUser()),
                config.runArgs().hostname(),
                labels,
                mounts,
                List.of(network),
                ports,
                merged.init() || config.runArgs().init().orElse(false),
                Optional.empty(),
                Optional.empty(),
                false,
                true,
                false,
                false)
            .withUserns(userns)
            // The config's and its Features' privileged and capAdd, as the reference CLI passes
            // them to docker run.
            .withPrivileges(
                new Privileges(
                    merged.privileged(), merged.capAdd(), List.of(), List.of(), securityOpts));
    o.privileges().warnings().forEach(progress);
    ContainerService containers = berth.containers();
    String id = containers.create(o);
    containers.start(id, false, quiet());
    progress.accept("Container " + name + " started");
    return id;
  }

  private static MountOption mountOption(Mount m) {
    return switch (m.type()) {
      case BIND ->
          new MountOption.Bind(
              Path.of(m.source().orElseThrow()).toAbsolutePath(), m.target(), m.readOnly());
      case VOLUME -> new MountOption.Volume(m.source().orElseThrow(), m.target(), m.readOnly());
      case TMPFS -> new MountOption.Tmpfs(m.target(), List.of());
    };
  }

  /** The container's own environment, for {@code ${containerEnv:...}}. */
  private Map<String, String> containerEnvOf(String containerId) throws IOException {
    Optional<ObjectNode> c = berth.containers().inspect(containerId);
    Map<String, String> env = new LinkedHashMap<>();
    c.ifPresent(
        o ->
            o.path("Config")
                .path("Env")
                .forEach(
                    e -> {
                      String s = e.asText();
                      int eq = s.indexOf('=');
                      if (eq > 0) {
                        env.put(s.substring(0, eq), s.substring(eq + 1));
                      }
                    }));
    return env;
  }

  /** The remote user's environment as its login shell sets it ({@code userEnvProbe}). */
  private Map<String, String> probeEnv(
      String containerId, String remoteUser, MergedConfiguration merged, LoadedConfig loaded)
      throws IOException, InterruptedException {
    UserEnvProbe probe = merged.userEnvProbeOrDefault();
    Map<String, String> out = new LinkedHashMap<>();
    if (probe.shellFlags().isEmpty()) {
      return out;
    }
    List<String> argv = new ArrayList<>(List.of("/bin/sh"));
    argv.addAll(probe.shellFlags());
    argv.add("env -0 2>/dev/null || env");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code =
        berth
            .containers()
            .exec(
                new ContainerService.ExecOptions(
                    containerId,
                    argv,
                    Map.of(),
                    Optional.of(remoteUser),
                    Optional.empty(),
                    false,
                    false,
                    false),
                new ContainerService.Streams(
                    InputStream.nullInputStream(), bytes, OutputStream.nullOutputStream(), false));
    if (code != 0) {
      return out;
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    String sep = text.contains("\0") ? "\0" : "\n";
    for (String kv : text.split(sep)) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        out.put(kv.substring(0, eq), kv.substring(eq + 1).strip());
      }
    }
    out.remove("PWD");
    out.remove("SHLVL");
    out.remove("_");
    return out;
  }

  // ------------------------------------------------------------------ hooks

  /**
   * Runs one hook's commands (from the metadata chain: image, Features, devcontainer.json) as the
   * remote user in the workspace folder; an object's entries run in parallel. Output goes to the
   * progress and to the hook log. A failure stops everything after it.
   */
  private void runHooks(
      Path devDir,
      String containerId,
      LifecycleHook hook,
      MergedConfiguration merged,
      LoadedConfig loaded,
      DevContainerUsers users,
      UidMapPlan plan,
      Consumer<String> progress)
      throws IOException, InterruptedException {
    List<HookCommand> commands = merged.commands(hook);
    if (commands.isEmpty()) {
      return;
    }
    Map<String, String> env = remoteEnv(devDir, merged);
    String folder = loaded.config().workspace().containerFolder();
    for (HookCommand hc : commands) {
      progress.accept("Running the " + hook.property() + " from " + hc.origin() + "...");
      LifecycleCommand c = hc.command();
      if (c instanceof LifecycleCommand.Parallel p) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, p.commands().size()));
        try {
          List<Future<Integer>> results = new ArrayList<>();
          List<String> names = new ArrayList<>(p.commands().keySet());
          for (String name : names) {
            LifecycleCommand.Single one = p.commands().get(name);
            results.add(
                pool.submit(
                    () ->
                        runOne(
                            devDir,
                            containerId,
                            hook.property() + ":" + name,
                            one.argv(),
                            env,
                            plan.user(),
                            folder,
                            progress)));
          }
          for (int i = 0; i < results.size(); i++) {
            int code;
            try {
              code = results.get(i).get();
            } catch (ExecutionException e) {
              throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
            if (code != 0) {
              throw hookFailed(hook, code);
            }
          }
        } finally {
          pool.shutdownNow();
        }
      } else if (c instanceof LifecycleCommand.Single one && !one.isEmpty()) {
        int code =
            runOne(
                devDir,
                containerId,
                hook.property(),
                one.argv(),
                env,
                plan.user(),
                folder,
                progress);
        if (code != 0) {
          throw hookFailed(hook, code);
        }
      }
    }
  }

  private static BerthException hookFailed(LifecycleHook hook, int code) {
    return new BerthException(
        ErrorKind.FAILED, "hook-failed", hook.property() + " failed with exit code " + code);
  }

  private int runOne(
      Path devDir,
      String containerId,
      String name,
      List<String> argv,
      Map<String, String> env,
      String user,
      String folder,
      Consumer<String> progress)
      throws IOException, InterruptedException {
    Path log = devDir.resolve("hooks.log");
    OutputStream out = new HookLog(log, name, progress);
    append(log, Instant.now() + " " + name + " started: " + String.join(" ", argv));
    int code =
        berth
            .containers()
            .exec(
                new ContainerService.ExecOptions(
                    containerId,
                    argv,
                    env,
                    Optional.of(user),
                    Optional.of(folder),
                    false,
                    false,
                    false),
                new ContainerService.Streams(InputStream.nullInputStream(), out, out, false));
    out.flush();
    append(log, Instant.now() + " " + name + " exited with code " + code);
    return code;
  }

  static synchronized void append(Path log, String line) throws IOException {
    Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** The probed environment with remoteEnv over it. */
  private static Map<String, String> remoteEnv(Path devDir, MergedConfiguration merged)
      throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    Path probed = devDir.resolve("env.json");
    if (Files.exists(probed)) {
      JSON.readTree(probed.toFile())
          .fields()
          .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    }
    merged
        .remoteEnv()
        .forEach((k, v) -> v.ifPresentOrElse(val -> env.put(k, val), () -> env.remove(k)));
    return env;
  }

  private static void runOnHost(LifecycleCommand c, Path folder, Consumer<String> progress)
      throws IOException, InterruptedException {
    List<List<String>> commands = new ArrayList<>();
    if (c instanceof LifecycleCommand.Parallel p) {
      p.commands().values().forEach(one -> commands.add(one.argv()));
    } else if (c instanceof LifecycleCommand.Single one) {
      commands.add(one.argv());
    }
    for (List<String> argv : commands) {
      Process p =
          new ProcessBuilder(argv).directory(folder.toFile()).redirectErrorStream(true).start();
      p.getOutputStream().close();
      new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .forEach(progress);
      int code = p.waitFor();
      if (code != 0) {
        throw new BerthException(
            ErrorKind.FAILED, "hook-failed", "initializeCommand failed with exit code " + code);
      }
    }
  }

  // ------------------------------------------------------------------ exec, down, build, logs

  /** {@code dev exec}: as the remote user, in the workspace folder, with the remote env. */
  public int exec(DevRequest r, List<String> command, boolean tty, ContainerService.Streams io)
      throws IOException, InterruptedException {
    LoadedConfig loaded = load(r, s -> {});
    String devId = devcontainerId(loaded, r);
    ContainerService.ContainerRow row =
        findContainer(devId)
            .filter(c -> c.state().equals("running"))
            .orElseThrow(
                () ->
                    new BerthException(
                        ErrorKind.FAILED_PRECONDITION,
                        "no running dev container for "
                            + loaded.workspaceFolder()
                            + ": run berth dev up first"));
    Path devDir = devDir(devId);
    Map<String, String> env = new LinkedHashMap<>();
    Path remote = devDir.resolve("remote.json");
    if (Files.exists(remote)) {
      JSON.readTree(remote.toFile())
          .path("remoteEnv")
          .fields()
          .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    }
    String user = remoteUser(devDir, row);
    return berth
        .containers()
        .exec(
            new ContainerService.ExecOptions(
                row.id(),
                command,
                env,
                Optional.of(user),
                Optional.of(loaded.config().workspace().containerFolder()),
                tty,
                tty,
                false),
            io);
  }

  private static String remoteUser(Path devDir, ContainerService.ContainerRow row)
      throws IOException {
    Path remote = devDir.resolve("remote.json");
    if (Files.exists(remote)) {
      return JSON.readTree(remote.toFile()).path("remoteUser").asText("root");
    }
    return "root";
  }

  /** {@code dev down}: stops the dev container, and with {@code remove} removes it. */
  public Optional<String> down(DevRequest r, boolean remove)
      throws IOException, InterruptedException {
    LoadedConfig loaded = load(r, s -> {});
    Optional<ContainerService.ContainerRow> row = findContainer(devcontainerId(loaded, r));
    if (row.isEmpty()) {
      return Optional.empty();
    }
    ContainerService containers = berth.containers();
    containers.stop(row.get().id(), Optional.of(Duration.ofSeconds(5)));
    if (remove) {
      containers.remove(List.of(row.get().id()), true, false);
    }
    return Optional.of(row.get().name());
  }

  /** {@code dev build}: the dev image, with its Features and metadata label; its name. */
  public String build(
      DevRequest r, Optional<String> imageName, boolean push, Consumer<String> progress)
      throws IOException, InterruptedException {
    LoadedConfig loaded = load(r, progress);
    FeatureSet features = new FeatureResolver(fetcher()).resolve(loaded);
    String devId = devcontainerId(loaded, r);
    String image = imageFor(loaded, features, devId, r.buildNoCache(), progress).image();
    if (imageName.isPresent()) {
      berth.images().tag(image, imageName.get());
      image = imageName.get();
      if (push) {
        progress.accept(berth.registries().push(image, progress));
      }
    }
    return image;
  }

  /** {@code dev logs}: what the lifecycle hooks wrote, with when each started and ended. */
  public String logs(DevRequest r) throws IOException {
    LoadedConfig loaded = load(r, s -> {});
    Path log = devDir(devcontainerId(loaded, r)).resolve("hooks.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** Renders load-time problems like the rest of berth. */
  static String render(List<Diagnostic> d) {
    return renderer().render(d);
  }
}
