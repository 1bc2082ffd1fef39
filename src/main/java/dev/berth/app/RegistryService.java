package dev.berth.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.ImageConfig;
import dev.berth.image.ImageReference;
import dev.berth.image.LayerCompression;
import dev.berth.image.Manifest;
import dev.berth.image.Platform;
import dev.berth.image.json.ImageJson;
import dev.berth.layer.DiffIdIngester;
import dev.berth.layer.DiffIds;
import dev.berth.registry.Credentials;
import dev.berth.registry.DockerConfig;
import dev.berth.registry.FetchedManifest;
import dev.berth.registry.ImagePuller;
import dev.berth.registry.ImagePusher;
import dev.berth.registry.PullSources;
import dev.berth.registry.PulledImage;
import dev.berth.registry.Registries;
import dev.berth.registry.RegistriesConf;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryOptions;
import dev.berth.registry.TransferListener;
import dev.berth.store.LayerForms;
import dev.berth.store.LocalImages;
import dev.berth.store.Store;
import dev.berth.store.StoredImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Copies images between the store and registries ({@code pull}, {@code push}) and keeps registry
 * logins ({@code login}, {@code logout}) in docker's config.json. A missing image or refused
 * credentials are bad input (exit 2); a registry that cannot be reached is a failure (exit 1).
 */
public final class RegistryService {

  private final Path root;
  private final DockerConfig config;
  private final RegistryOptions options;
  private final PullSources sources;

  RegistryService(
      Path storeRoot, DockerConfig config, RegistryOptions options, RegistriesConf conf) {
    this.root = storeRoot;
    this.config = config;
    this.options = options;
    this.sources = new PullSources(conf);
  }

  /**
   * Pulls an image for linux/amd64 into the store and names it.
   *
   * @param progress receives plain progress lines
   * @return lines for standard output: the digest and the full name
   */
  public List<String> pull(String image, Consumer<String> progress) throws IOException {
    return pull(image, u -> progress.accept(u.line()), false);
  }

  /**
   * Pulls, reporting structured updates.
   *
   * @param everyChunk report every chunk (for progress bars), not only each quarter
   */
  public List<String> pull(String image, Consumer<TransferUpdate> updates, boolean everyChunk)
      throws IOException {
    Consumer<String> progress = text -> updates.accept(TransferUpdate.message(text));
    PullSources.Candidates candidates = sources.candidates(image);
    candidates.note().ifPresent(progress);
    Registries registries = new Registries(config, options);
    List<PullAttempt> failed = new ArrayList<>();
    try (Store store = Store.open(root)) {
      for (ImageReference ref : candidates.names()) {
        if (candidates.names().size() > 1) {
          progress.accept("Trying to pull " + ref + "...");
        }
        List<PullSources.Endpoint> endpoints;
        try {
          endpoints = sources.endpoints(ref);
        } catch (BerthException blocked) {
          failed.add(new PullAttempt(ref, blocked));
          continue;
        }
        for (PullSources.Endpoint from : endpoints) {
          progress.accept(
              ref.tag().orElse(ref.digest().map(Digest::shortHex).orElse(""))
                  + ": Pulling from "
                  + ref.repository()
                  + (from.reference().equals(ref)
                      ? ""
                      : (from.mirror() ? " through mirror " : " at ") + from.reference().name()));
          try {
            DiffIdIngester into = new DiffIdIngester(store.content());
            PulledImage pulled =
                new ImagePuller(registries)
                    .pull(
                        from.reference(),
                        Platform.LINUX_AMD64,
                        store.content(),
                        into,
                        TransferLines.pulling(updates, everyChunk));
            verifyDiffIds(store, ref, pulled.manifest(), into);
            store.refs().put(ref.toString(), pulled.target());
            return List.of("Digest: " + pulled.target().digest(), ref.toString());
          } catch (IOException e) {
            failed.add(new PullAttempt(from.reference(), e));
          }
        }
      }
    }
    throw pullFailure(image, failed);
  }

  /** One place a pull tried, and why it did not work. */
  private record PullAttempt(ImageReference from, IOException error) {}

  /**
   * The error for a pull that found the image nowhere: the only error as it was, or, for several
   * places (mirrors, search registries), podman's list of each.
   */
  private static IOException pullFailure(String image, List<PullAttempt> failed) {
    if (failed.size() == 1) {
      return failed.get(0).error();
    }
    boolean allMissing = true;
    ErrorKind kind = ErrorKind.NOT_FOUND;
    List<String> lines = new ArrayList<>();
    for (PullAttempt a : failed) {
      ErrorKind k = a.error() instanceof BerthException b ? b.kind() : ErrorKind.UNAVAILABLE;
      if (k != ErrorKind.NOT_FOUND) {
        allMissing = false;
        kind = k;
      }
      lines.add("* " + a.from() + ": " + a.error().getMessage());
    }
    return new BerthException(
            allMissing ? ErrorKind.NOT_FOUND : kind,
            failed.size() + " errors occurred while pulling " + image)
        .withDetails(lines);
  }

  /**
   * Checks every layer of the pulled manifest against the diff ID its config claims, before the
   * name is recorded: snapshots are shared by chain ID, so a registry's lying config must not get a
   * name. What was fetched stays unnamed, for garbage collection. Layers fetched now were hashed as
   * they streamed in; only those the store already had are read again.
   */
  private static void verifyDiffIds(
      Store store, ImageReference ref, Descriptor manifest, DiffIdIngester fetched)
      throws IOException {
    Manifest m = ImageJson.readManifest(store.content().readAll(manifest.digest()));
    ImageConfig c = ImageJson.readConfig(store.content().readAll(m.config().digest()));
    DiffIds.verify(
        store.content(), m.layers(), c.diffIds(), "pull " + ref.familiar(), fetched::diffId);
  }

  /** An OCI artifact fetched into the store: its manifest and its layers. */
  public record Artifact(Digest manifestDigest, byte[] manifest, List<Descriptor> layers) {}

  /**
   * Fetches an artifact that is not an image (a dev container Feature): its manifest, and its
   * layers into the store, each verified against its digest.
   */
  public Artifact fetchArtifact(String reference) throws IOException {
    ImageReference named = ImageService.parseName(reference);
    try (Store store = Store.open(root)) {
      Registries registries = new Registries(config, options);
      List<PullAttempt> failed = new ArrayList<>();
      RegistryClient client = null;
      FetchedManifest m = null;
      for (PullSources.Endpoint from : sources.endpoints(named)) {
        ImageReference ref = from.reference();
        RegistryClient c = registries.client(ref.registry(), ref.repository(), false);
        try {
          m = c.manifest(ref.digest().map(Digest::toString).orElse(ref.tag().orElse("latest")));
          client = c;
          break;
        } catch (IOException e) {
          failed.add(new PullAttempt(ref, e));
        }
      }
      if (client == null) {
        throw pullFailure(reference, failed);
      }
      List<Descriptor> layers = new ArrayList<>();
      for (JsonNode l : new ObjectMapper().readTree(m.bytes()).path("layers")) {
        layers.add(ImageJson.readDescriptor(l));
      }
      for (Descriptor d : layers) {
        if (!store.content().exists(d.digest())) {
          client.fetchBlob(d, store.content(), TransferListener.none());
        }
      }
      return new Artifact(m.digest(), m.bytes(), layers);
    }
  }

  /** Reads a blob of the store. */
  public byte[] blob(Digest digest) throws IOException {
    try (Store store = Store.open(root)) {
      return store.content().readAll(digest);
    }
  }

  /**
   * Pushes an image from the store to the registry its name points at.
   *
   * @return the line docker prints: {@code TAG: digest: sha256:... size: N}
   */
  public String push(String image, Consumer<String> progress) throws IOException {
    return push(image, u -> progress.accept(u.line()), false, LayerCompression.DEFAULT);
  }

  /**
   * Pushes, reporting structured updates.
   *
   * @param everyChunk report every chunk (for progress bars), not only each quarter
   * @param compression the form the layers leave in (built layers are stored uncompressed)
   */
  public String push(
      String image,
      Consumer<TransferUpdate> updates,
      boolean everyChunk,
      LayerCompression compression)
      throws IOException {
    Consumer<String> progress = text -> updates.accept(TransferUpdate.message(text));
    ImageReference ref = ImageService.parseName(image);
    sources.checkNotBlocked(ref);
    try (Store store = Store.open(root)) {
      StoredImage img = new LocalImages(store).find(image);
      progress.accept("The push refers to repository [" + ref.name() + "]");
      LayerForms.Outbound leaving =
          new LayerForms(
                  store,
                  (layer, to) ->
                      updates.accept(
                          new TransferUpdate(layer.digest().shortHex(), "Compressing", 0, 0)))
              .outbound(img.manifestDescriptor(), compression);
      Descriptor manifest = leaving.descriptor();
      Digest pushed =
          new ImagePusher(new Registries(config, options))
              .push(
                  ref,
                  manifest,
                  leaving.blobs(store.content()),
                  mountSource(img, ref),
                  TransferLines.pushing(updates, everyChunk));
      return ref.tag().orElse(ref.digest().map(Object::toString).orElse(""))
          + ": digest: "
          + pushed
          + " size: "
          + manifest.size();
    }
  }

  /** Another repository on the same registry under which the store knows this image. */
  private static Optional<String> mountSource(StoredImage img, ImageReference dest) {
    List<String> candidates = new ArrayList<>();
    for (String name : img.names()) {
      ImageReference other = ImageReference.parse(name);
      if (other.registry().equals(dest.registry())
          && !other.repository().equals(dest.repository())) {
        candidates.add(other.repository());
      }
    }
    return candidates.stream().sorted().findFirst();
  }

  /**
   * Checks the credentials against the registry, then stores them in docker's config.json.
   *
   * @return the config file written
   */
  public Path login(String registry, String username, String password) throws IOException {
    String host = registryHost(registry);
    Credentials creds = new Credentials(username, password);
    new Registries(config, options).checkLogin(host, creds);
    config.store(host, creds);
    return config.file();
  }

  /** Forgets a registry's credentials; false when there were none. */
  public boolean logout(String registry) throws IOException {
    return config.remove(registryHost(registry));
  }

  /**
   * The registry host in what users type: {@code https://ghcr.io/}, {@code localhost:5000}, nothing
   * (Docker Hub).
   */
  static String registryHost(String typed) throws BerthException {
    String s = typed == null ? "" : typed.trim();
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      s = s.substring(scheme + 3);
    }
    int slash = s.indexOf('/');
    if (slash >= 0) {
      s = s.substring(0, slash);
    }
    s = s.toLowerCase(Locale.ROOT);
    if (s.isEmpty() || s.equals("index.docker.io") || s.equals("registry-1.docker.io")) {
      return ImageReference.DOCKER_HUB;
    }
    if (!s.matches("[a-z0-9.\\-]+(:[0-9]+)?|\\[[0-9a-f:]+\\](:[0-9]+)?")) {
      throw BerthException.invalid("invalid registry '" + typed + "'");
    }
    return s;
  }
}
