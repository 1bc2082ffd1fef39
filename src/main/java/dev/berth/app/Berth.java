package dev.berth.app;

import dev.berth.diag.BerthException;
import dev.berth.mount.Ledger;
import dev.berth.registry.DockerConfig;
import dev.berth.registry.Registries;
import dev.berth.registry.RegistriesConf;
import dev.berth.registry.RegistriesConfFiles;
import dev.berth.registry.RegistryOptions;
import dev.berth.rootless.RootlessSession;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.Runtimes;
import dev.berth.store.Store;
import dev.berth.store.StoreLayout;
import dev.berth.store.snapshot.Snapshotter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The composition root: where berth keeps its store, how it reaches registries, which container
 * runtime and snapshotter it uses and how many stages it builds at once. Every service is made from
 * one of these, so the choices are made once, here.
 */
public final class Berth {

  /** Names registries (host or host:port, comma-separated) reached over plain HTTP. */
  public static final String INSECURE_ENV = "BERTH_INSECURE_REGISTRIES";

  private final Path storeRoot;
  private final DockerConfig dockerConfig;
  private final RegistryOptions registryOptions;
  private final SnapshotChoice snapshots;
  private final int parallelism;
  private final Optional<RootlessSession> rootless;
  private final Map<String, String> env;
  private final Settings settings;
  private ContainerRuntime runtime;
  private RegistriesConf registriesConf;

  private Berth(
      Path storeRoot,
      DockerConfig dockerConfig,
      RegistryOptions registryOptions,
      SnapshotChoice snapshots,
      int parallelism,
      Optional<RootlessSession> rootless,
      Map<String, String> env,
      Settings settings) {
    this.settings = settings;
    this.storeRoot = Objects.requireNonNull(storeRoot, "storeRoot");
    this.dockerConfig = dockerConfig;
    this.registryOptions = registryOptions;
    this.snapshots = snapshots;
    this.parallelism = parallelism;
    this.rootless = rootless;
    this.env = Map.copyOf(env);
  }

  /**
   * berth as this process's environment sets it up: the store ({@code storeRoot}, the --root flag,
   * else {@link Settings}: {@code $BERTH_ROOT}, the config file's, the effective user's default),
   * the runtime and parallelism from {@link Settings}, docker's config.json, {@code
   * $BERTH_INSECURE_REGISTRIES}, {@code $BERTH_MAX_CONCURRENT_DOWNLOADS}, {@code
   * $BERTH_MAX_CONCURRENT_UPLOADS}, {@code $BERTH_REGISTRY_CONNECT_TIMEOUT}, {@code
   * $BERTH_REGISTRY_TIMEOUT} and {@code $BERTH_SNAPSHOTTER}.
   */
  public static Berth fromEnvironment(Map<String, String> env, Optional<Path> storeRoot)
      throws IOException {
    Set<String> insecure =
        Arrays.stream(env.getOrDefault(INSECURE_ENV, "").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toSet());
    Settings settings = Settings.current(env);
    RegistryOptions registries;
    try {
      registries =
          RegistryOptions.defaults()
              .withInsecure(insecure)
              .withConcurrencyFrom(env)
              .withTimeoutsFrom(env);
    } catch (IllegalArgumentException e) {
      throw BerthException.invalid(e.getMessage());
    }
    return new Berth(
        storeRoot.isPresent() ? storeRoot.get() : settings.root().value(),
        DockerConfig.forEnvironment(env),
        registries,
        new SnapshotChoice(Optional.ofNullable(env.get("BERTH_SNAPSHOTTER"))),
        settings.parallelism().value(),
        RootlessSession.fromEnvironment(env),
        env,
        settings);
  }

  /**
   * The store a user's commands use when no {@code --root} is given: {@code $BERTH_ROOT}, else the
   * config file's root, else the system store for root and the user's data directory for others.
   */
  public static Path defaultStoreRoot(Map<String, String> env, long uid) throws BerthException {
    return Settings.resolve(env, uid, ConfigFile.load(env), 1).root().value();
  }

  /** The settings this berth was made with, and where each came from. */
  public Settings settings() {
    return settings;
  }

  public Path storeRoot() {
    return storeRoot;
  }

  public ImageService images() {
    return new ImageService(this);
  }

  public BuildService builds() {
    return new BuildService(this);
  }

  /** Turns a build's CONTEXT argument (a directory, {@code -} or a git URL) into a directory. */
  public BuildContexts contexts() {
    return new BuildContexts(this);
  }

  public ContainerService containers() {
    return new ContainerService(this);
  }

  public DevContainerService devContainers() {
    return new DevContainerService(this);
  }

  public ComposeService compose() {
    return new ComposeService(this);
  }

  public NetworkService networks() {
    return new NetworkService(this);
  }

  public VolumeService volumes() {
    return new VolumeService(this);
  }

  public DiskUsageService diskUsage() {
    return new DiskUsageService(this);
  }

  /** {@code berth info}: what this host gives berth, gathered from {@code env}. */
  public InfoService info(Map<String, String> env) {
    return new InfoService(this, InfoService.realHost(this, env));
  }

  public RegistryService registries() throws BerthException {
    return new RegistryService(
        storeRoot,
        dockerConfig,
        registryOptions.withInsecure(insecureRegistries()),
        registriesConf());
  }

  /** {@code $BERTH_INSECURE_REGISTRIES} and registries.conf's insecure locations and mirrors. */
  public Set<String> insecureRegistries() throws BerthException {
    Set<String> insecure = new TreeSet<>(registryOptions.insecure());
    insecure.addAll(registriesConf().insecureHosts());
    return insecure;
  }

  /**
   * registries.conf as podman reads it ({@code $CONTAINERS_REGISTRIES_CONF}, the user's file or the
   * system's, and the drop-ins), read once, when a command first reaches a registry: a broken file
   * stops only the commands that need it.
   */
  public synchronized RegistriesConf registriesConf() throws BerthException {
    if (registriesConf == null) {
      registriesConf = RegistriesConfFiles.load(env);
    }
    return registriesConf;
  }

  /** The registry clients builds use for shared caches, with this berth's credentials. */
  Registries registryClients() throws BerthException {
    return new Registries(dockerConfig, registryOptions.withInsecure(insecureRegistries()));
  }

  Store openStore() throws IOException {
    return Store.open(storeRoot);
  }

  /** The snapshotter builds and containers use with {@code store}. */
  Snapshotter snapshotter(Store store) throws IOException {
    return snapshots.open(store);
  }

  SnapshotChoice snapshots() {
    return snapshots;
  }

  /** The runtime the settings choose (auto: crun, else runc, else chroot); found once. */
  synchronized ContainerRuntime runtime() throws IOException {
    if (runtime == null) {
      // In the store, not /tmp: each user (and each test store) gets its own, writable room.
      // Rootless, the runtime keeps its state in the store too: /run/crun is the host root's.
      Settings.Setting<String> chosen = settings.runtime();
      runtime =
          Runtimes.named(
              chosen.value(),
              "set by " + chosen.from(),
              storeRoot.resolve("bundles"),
              rootless.map(r -> storeRoot.resolve("runtime-state")),
              Optional.of(ledger()));
    }
    return runtime;
  }

  /** Where this berth writes down the mounts, bundles and runtime containers it makes. */
  Ledger ledger() {
    return new Ledger(new StoreLayout(storeRoot).ledger());
  }

  /**
   * Undoes what killed berth processes left (mounts, bundle directories, runtime containers) and
   * says what, in one line; empty when there was nothing.
   */
  public Optional<String> reapLeftovers() throws IOException {
    Ledger.Reaped reaped = ledger().reap();
    return reaped.isEmpty() ? Optional.empty() : Optional.of(reaped.describe());
  }

  /** Set when berth runs for an ordinary user inside the user namespace it entered. */
  public Optional<RootlessSession> rootless() {
    return rootless;
  }

  int parallelism() {
    return parallelism;
  }
}
