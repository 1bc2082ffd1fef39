package dev.berth.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.archive.ArchiveLoader;
import dev.berth.archive.DockerArchiveWriter;
import dev.berth.archive.ExportedImage;
import dev.berth.archive.ImportedImage;
import dev.berth.archive.LoadedImage;
import dev.berth.archive.OciLayoutWriter;
import dev.berth.archive.RootfsImporter;
import dev.berth.container.ContainerStore;
import dev.berth.container.Containers;
import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.BlobReader;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.History;
import dev.berth.image.ImageReference;
import dev.berth.image.LayerCompression;
import dev.berth.image.json.ImageJson;
import dev.berth.layer.LayerSizes;
import dev.berth.store.CacheRecord;
import dev.berth.store.GcRequest;
import dev.berth.store.GcResult;
import dev.berth.store.LayerForms;
import dev.berth.store.Leases;
import dev.berth.store.LocalImages;
import dev.berth.store.Ref;
import dev.berth.store.Store;
import dev.berth.store.StoreLock;
import dev.berth.store.StoredImage;
import dev.berth.store.Swept;
import dev.berth.store.snapshot.Snapshotter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The image use cases: list, inspect, tag, remove, load, save, prune. */
public final class ImageService {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Berth berth;

  ImageService(Berth berth) {
    this.berth = berth;
  }

  public Path root() {
    return berth.storeRoot();
  }

  /**
   * Every name in the store and the image it points at, sorted by name, and a line for each name
   * whose image cannot be read (it is left out of the rows, never fails the listing).
   */
  public ImageListing list() throws IOException {
    try (Store store = berth.openStore()) {
      LocalImages.Listing listing = new LocalImages(store).listing();
      List<ImageRow> rows = new ArrayList<>();
      for (StoredImage img : listing.images()) {
        for (String name : img.names()) {
          ImageReference ref = ImageReference.parse(name);
          String familiar = ref.familiar();
          String repository = repositoryOf(familiar);
          rows.add(
              new ImageRow(
                  repository,
                  ref.tag().orElse("<none>"),
                  img.id().toString(),
                  img.config().created(),
                  img.size()));
        }
      }
      rows.sort(Comparator.comparing(ImageRow::repository).thenComparing(ImageRow::tag));
      List<String> broken = new ArrayList<>();
      for (LocalImages.BrokenRef b : listing.broken()) {
        broken.add(brokenLine(b));
      }
      return new ImageListing(rows, broken);
    }
  }

  private static String brokenLine(LocalImages.BrokenRef b) {
    return "image "
        + familiarOrRaw(b.name())
        + " is broken ("
        + b.reason().replace('\n', ' ')
        + "): berth system check --repair removes its name";
  }

  private static String familiarOrRaw(String name) {
    try {
      return ImageReference.parse(name).familiar();
    } catch (IllegalArgumentException e) {
      return name;
    }
  }

  private static String repositoryOf(String familiar) {
    int at = familiar.indexOf('@');
    String s = at >= 0 ? familiar.substring(0, at) : familiar;
    int colon = s.lastIndexOf(':');
    return colon > s.lastIndexOf('/') ? s.substring(0, colon) : s;
  }

  /** {@code docker inspect}-like JSON: an array with one object per image asked for. */
  public String inspect(List<String> images) throws IOException {
    ArrayNode out = JSON.createArrayNode();
    inspectObjects(images).forEach(out::add);
    return JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out);
  }

  /** One inspect object per image asked for. */
  public List<ObjectNode> inspectObjects(List<String> images) throws IOException {
    try (Store store = berth.openStore()) {
      LocalImages local = new LocalImages(store);
      List<ObjectNode> out = new ArrayList<>();
      for (String name : images) {
        StoredImage img = local.find(name);
        JsonNode manifest =
            JSON.readTree(store.content().readAll(img.manifestDescriptor().digest()));
        out.add(
            ImageInspectJson.of(
                img.id().toString(),
                img.names().stream().map(n -> ImageReference.parse(n).familiar()).toList(),
                img.size(),
                img.manifestDescriptor().digest().toString(),
                manifest,
                JSON.readTree(img.configBytes())));
      }
      return out;
    }
  }

  /**
   * An image's history, newest step first, as {@code docker history} lists it: each config history
   * entry with the unpacked size of the layer it made (read from the layer blob, as docker's SIZE
   * is its diff directory's).
   */
  public List<HistoryEntry> history(String image) throws IOException {
    try (Store store = berth.openStore()) {
      StoredImage img = new LocalImages(store).find(image);
      List<Descriptor> layers = img.manifest().layers();
      List<HistoryEntry> rows = new ArrayList<>();
      int layer = 0;
      for (History h : img.config().history()) {
        long size = 0;
        if (!h.emptyLayer()) {
          if (layer >= layers.size()) {
            throw new BerthException(
                ErrorKind.FAILED_PRECONDITION,
                "image " + image + ": too many non-empty layers in its history");
          }
          try (InputStream in = store.content().open(layers.get(layer).digest())) {
            size = LayerSizes.unpacked(in);
          }
          layer++;
        }
        String id =
            rows.size() + 1 == img.config().history().size() ? img.id().toString() : "<missing>";
        rows.add(0, new HistoryEntry(id, h.created(), h.createdBy(), size, h.comment()));
      }
      return rows;
    }
  }

  /** Gives the image {@code source} the additional name {@code target}. */
  public String tag(String source, String target) throws IOException {
    return doTag(source, target);
  }

  private String doTag(String source, String target) throws IOException {
    ImageReference ref = parseName(target);
    try (Store store = berth.openStore()) {
      StoredImage img = new LocalImages(store).find(source);
      store.refs().put(ref.toString(), img.target());
      return ref.familiar();
    }
  }

  /**
   * Removes names; an image whose last name goes is deleted, with the blobs no other image or cache
   * record uses. A bare image ID removes every name of that image only with {@code force}.
   *
   * @return lines to show: {@code Untagged: ...} and {@code Deleted: ...}
   */
  public List<String> remove(List<String> images, boolean force) throws IOException {
    ImageRemoval r = removeEach(images, force);
    if (!r.failures().isEmpty()) {
      throw r.failures().get(0);
    }
    return r.lines();
  }

  /** What {@link #removeEach} did: the lines docker prints, and each name that failed, in order. */
  public record ImageRemoval(List<String> lines, List<BerthException> failures) {
    public ImageRemoval {
      lines = List.copyOf(lines);
      failures = List.copyOf(failures);
    }
  }

  /**
   * Removes each image in turn, as {@code docker rmi A B} does: a name that cannot go (missing, in
   * use) is reported and the others are still removed.
   */
  public ImageRemoval removeEach(List<String> images, boolean force) throws IOException {
    List<String> lines = new ArrayList<>();
    List<BerthException> failures = new ArrayList<>();
    try (Store store = berth.openStore();
        StoreLock.Held held = store.lock().acquire()) {
      LocalImages local = new LocalImages(store);
      for (String name : images) {
        try {
          removeOne(store, local, name, force, lines);
        } catch (BerthException e) {
          failures.add(
              e.kind() == ErrorKind.NOT_FOUND
                  ? new BerthException(ErrorKind.NOT_FOUND, "No such image: " + name)
                  : e);
        }
      }
    }
    return new ImageRemoval(lines, failures);
  }

  private void removeOne(
      Store store, LocalImages local, String name, boolean force, List<String> lines)
      throws IOException {
    StoredImage img;
    try {
      img = local.find(name);
    } catch (BerthException e) {
      Optional<String> broken = brokenRef(store, name);
      if (broken.isEmpty()) {
        throw e;
      }
      // Its image cannot be read, so only its name can go; what it reached is unreferenced
      // now and goes with the next system prune.
      store.refs().delete(broken.get());
      lines.add("Untagged: " + familiarOrRaw(broken.get()));
      return;
    }
    List<String> untag = new ArrayList<>();
    String asRef = LocalImages.referenceName(name).orElse("");
    if (img.names().contains(asRef)) {
      untag.add(asRef);
    } else if (img.names().size() <= 1 || force) {
      untag.addAll(img.names());
    } else {
      throw new BerthException(
          ErrorKind.FAILED_PRECONDITION,
          "image "
              + name
              + " has several names ("
              + String.join(", ", familiar(img.names()))
              + "): remove them one by one, or use --force");
    }
    boolean last = untag.size() == img.names().size();
    Optional<String> user = last ? containerUsing(store, img) : Optional.empty();
    if (user.isPresent() && !force) {
      // docker's refusal: the image of a container (running or not) goes only with -f, and
      // even then only its names go; the container's lease keeps the content.
      throw new BerthException(
          ErrorKind.CONFLICT,
          img.names().contains(asRef)
              ? "conflict: unable to remove repository reference \""
                  + name
                  + "\" (must force) - container "
                  + user.get()
                  + " is using its referenced image "
                  + img.id().hex().substring(0, 12)
              : "conflict: unable to delete "
                  + name
                  + " (must be forced) - image is being used by container "
                  + user.get());
    }
    for (String n : untag) {
      store.refs().delete(n);
      lines.add("Untagged: " + ImageReference.parse(n).familiar());
    }
    if (last && user.isEmpty()) {
      deleteUnused(store, img);
      lines.add("Deleted: " + img.id());
    }
  }

  /** The ref {@code name} names when it exists (so a failure to find its image means broken). */
  private static Optional<String> brokenRef(Store store, String name) throws IOException {
    Optional<String> ref = LocalImages.referenceName(name);
    if (ref.isPresent() && store.refs().get(ref.get()).isPresent()) {
      return ref;
    }
    return Optional.empty();
  }

  private static List<String> familiar(List<String> names) {
    return names.stream().map(n -> ImageReference.parse(n).familiar()).toList();
  }

  /**
   * The container (its short ID, and its name where it has one) whose lease holds {@code img}, if
   * any.
   */
  private static Optional<String> containerUsing(Store store, StoredImage img) throws IOException {
    Set<Digest> own =
        new HashSet<>(List.of(img.target().digest(), img.manifestDescriptor().digest()));
    ContainerStore containers = new ContainerStore(store);
    for (Leases.Lease lease : store.leases().list()) {
      if (!lease.id().startsWith(CONTAINER_LEASE)
          || lease.roots().stream().noneMatch(r -> own.contains(r.digest()))) {
        continue;
      }
      String id = lease.id().substring(CONTAINER_LEASE.length());
      String shortId = id.length() > 12 ? id.substring(0, 12) : id;
      Optional<String> named =
          containers.read(id).map(e -> e.spec().name()).filter(n -> !n.isEmpty());
      return Optional.of(shortId + named.map(n -> " (" + n + ")").orElse(""));
    }
    return Optional.empty();
  }

  private static final String CONTAINER_LEASE = Containers.leaseId("");

  /** Deletes the blobs of an untagged image that nothing else reaches. */
  private static void deleteUnused(Store store, StoredImage img) throws IOException {
    Set<Digest> keep = new HashSet<>(store.reachable().blobs());
    for (Digest key : store.cache().keys()) {
      store.cache().get(key).map(CacheRecord::blobs).ifPresent(keep::addAll);
    }
    List<Digest> own = new ArrayList<>();
    own.add(img.target().digest());
    own.add(img.manifestDescriptor().digest());
    own.add(img.manifest().config().digest());
    img.manifest().layers().forEach(l -> own.add(l.digest()));
    for (Digest d : own) {
      if (!keep.contains(d) && store.content().info(d).isPresent()) {
        store.content().delete(d);
      }
    }
  }

  /**
   * {@code berth system prune}: removes everything no name reaches, and the build cache last
   * written before {@code until} (all of it when empty).
   */
  public PruneResult prune(Optional<Instant> until) throws IOException {
    try (Store store = berth.openStore()) {
      GcResult r = store.gc(until, true, berth.snapshots().all(store).toArray(Snapshotter[]::new));
      return new PruneResult(
          r.blobs().count(),
          r.snapshots().count(),
          r.cacheRecords().count(),
          r.buildCache().count(),
          r.buildCache().bytes(),
          r.totalBytes());
    }
  }

  /**
   * {@code berth system check}: verifies every blob, ref and snapshot ({@link StoreCheck} says
   * exactly what), and with {@code repair} removes what is broken.
   */
  public CheckReport check(boolean repair) throws IOException {
    try (Store store = berth.openStore()) {
      return new StoreCheck(store, berth.snapshots().all(store)).run(repair);
    }
  }

  /**
   * {@code berth image prune}: removes the dangling images (with {@code all}, also every named
   * image no container uses) that pass the filters, and the blobs and snapshots only they held. The
   * build cache stays: the layers cache records name are kept, as docker's image prune leaves
   * BuildKit's cache alone.
   */
  public PruneReport pruneImages(ImagePruneRequest request) throws IOException {
    try (Store store = berth.openStore();
        StoreLock.Held held = store.lock().acquire()) {
      List<String> lines = new ArrayList<>();
      // Found before anything is untagged, so an image untagged here is not listed twice.
      List<StoredImage> dangling = DanglingImages.find(store);
      if (request.all()) {
        Set<Digest> inUse = new HashSet<>();
        for (Leases.Lease l : store.leases().list()) {
          l.roots().forEach(d -> inUse.add(d.digest()));
        }
        for (StoredImage img : new LocalImages(store).list()) {
          if (inUse.contains(img.target().digest())
              || inUse.contains(img.manifestDescriptor().digest())
              || !passes(request.filters(), img)) {
            continue;
          }
          for (String n : img.names()) {
            store.refs().delete(n);
            lines.add("untagged: " + ImageReference.parse(n).familiar());
          }
          lines.add("deleted: " + img.id());
        }
      }
      List<Descriptor> spared = new ArrayList<>();
      for (StoredImage img : dangling) {
        if (passes(request.filters(), img)) {
          lines.add("deleted: " + img.id());
        } else {
          spared.add(img.target());
        }
      }
      GcResult r =
          store.gc(
              new GcRequest(spared, true, false, Optional.empty()),
              berth.snapshots().all(store).toArray(Snapshotter[]::new));
      return new PruneReport(lines, r.totalBytes());
    }
  }

  private static boolean passes(List<ImageFilter> filters, StoredImage img) {
    for (ImageFilter f : filters) {
      if (!f.test(img.config().created(), img.config().config().labels())) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code berth builder prune}: removes build-cache records last written before {@code until} (all
   * when empty) — without {@code all} only those whose layer no image (named or dangling) uses,
   * docker's "dangling" build cache; with {@code all} every one, so the next build runs each step
   * again — then the blobs and snapshots only they held, and the build-cache rooms (context digest
   * caches, RUN cache mounts, --explain-cache records) of that age.
   *
   * @return the removed records' keys, and the bytes freed
   */
  public PruneReport pruneBuildCache(boolean all, Optional<Instant> until) throws IOException {
    try (Store store = berth.openStore();
        StoreLock.Held held = store.lock().acquire()) {
      List<Descriptor> dangling =
          DanglingImages.find(store).stream().map(StoredImage::target).toList();
      Set<Digest> images = store.reachable(dangling).blobs();
      List<String> ids = new ArrayList<>();
      Swept records =
          store
              .cache()
              .removeIf(
                  until,
                  r -> all || r.blobs().isEmpty() || !images.containsAll(r.blobs()),
                  key -> ids.add(key.hex()));
      GcResult r =
          store.gc(
              new GcRequest(dangling, true, true, until),
              berth.snapshots().all(store).toArray(Snapshotter[]::new));
      return new PruneReport(ids, records.bytes() + r.totalBytes());
    }
  }

  /** Loads a docker-archive or OCI archive; returns what docker prints for each image. */
  public List<String> load(Path input) throws IOException {
    try (Store store = berth.openStore()) {
      return loadInto(store, input);
    }
  }

  /**
   * Loads an archive read from {@code in} (standard input, for {@code berth load < img.tar}): it is
   * spooled into the store's temporary room first, since an archive is read out of order.
   */
  public List<String> load(InputStream in) throws IOException {
    try (Store store = berth.openStore()) {
      Path spool = store.newTempPath("load-stdin");
      try {
        long n;
        try (OutputStream out = Files.newOutputStream(spool)) {
          n = in.transferTo(out);
        }
        if (n == 0) {
          throw new BerthException(
              ErrorKind.INVALID_INPUT,
              "requested load from stdin, but stdin is empty: use -i FILE or redirect an archive"
                  + " in (berth load < image.tar)");
        }
        return loadInto(store, spool);
      } finally {
        Files.deleteIfExists(spool);
      }
    }
  }

  private List<String> loadInto(Store store, Path input) throws IOException {
    ArchiveLoader loader = new ArchiveLoader(store.content(), store.newTempPath("load"));
    List<LoadedImage> images = loader.load(input);
    List<String> lines = new ArrayList<>();
    Map<String, Descriptor> names = new LinkedHashMap<>();
    for (LoadedImage img : images) {
      if (img.names().isEmpty()) {
        lines.add("Loaded image ID: " + img.imageId());
      }
      for (String name : img.names()) {
        names.put(name, img.target());
        lines.add("Loaded image: " + ImageReference.parse(name).familiar());
      }
    }
    // Unpacked before they are named: a layer the applier refuses leaves no name behind, and
    // neither the blobs nor the snapshots this load made.
    SnapshotUndo undo = new SnapshotUndo();
    try {
      for (LoadedImage img : images) {
        if (!img.names().isEmpty()) {
          try {
            prepareSnapshots(
                store, new LocalImages(store).resolve(img.names(), img.target()), undo);
          } catch (BerthException e) {
            throw e.wrap(input + ": " + img.names().get(0));
          }
        }
      }
      store.refs().putAll(names);
    } catch (IOException | RuntimeException e) {
      undo.run();
      loader.discard();
      throw e;
    }
    return lines;
  }

  /**
   * Saves images into one archive. The file appears only when complete: it is written beside the
   * destination and renamed into place.
   */
  public void save(List<String> images, Path output, ArchiveFormat format) throws IOException {
    save(images, output, format, LayerCompression.DEFAULT);
  }

  /** As {@link #save(List, Path, ArchiveFormat)}, with the layers in the form {@code layers}. */
  public void save(List<String> images, Path output, ArchiveFormat format, LayerCompression layers)
      throws IOException {
    try (Store store = berth.openStore()) {
      Leaving leaving = leaving(store, images, layers);
      Path abs = output.toAbsolutePath();
      Path dir = abs.getParent();
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".partial");
      try {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
          write(leaving, out, format);
        }
        Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    }
  }

  /**
   * Saves images into one archive written to {@code out} as it is made (standard output, for {@code
   * berth save IMG | docker load}); {@code out} is flushed, not closed.
   */
  public void save(List<String> images, OutputStream out, ArchiveFormat format) throws IOException {
    save(images, out, format, LayerCompression.DEFAULT);
  }

  /** As {@link #save(List, OutputStream, ArchiveFormat)}, with the layers in the form given. */
  public void save(
      List<String> images, OutputStream out, ArchiveFormat format, LayerCompression layers)
      throws IOException {
    try (Store store = berth.openStore()) {
      Leaving leaving = leaving(store, images, layers);
      OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
      write(leaving, buffered, format);
      buffered.flush();
    }
  }

  /** The images as they leave, and the blobs that serve them (their new manifests from memory). */
  private record Leaving(List<ExportedImage> images, BlobReader blobs) {}

  private static void write(Leaving leaving, OutputStream out, ArchiveFormat format)
      throws IOException {
    if (format == ArchiveFormat.DOCKER) {
      DockerArchiveWriter.write(leaving.blobs(), leaving.images(), out);
    } else {
      OciLayoutWriter.write(leaving.blobs(), leaving.images(), out);
    }
  }

  private static Leaving leaving(Store store, List<String> images, LayerCompression layers)
      throws IOException {
    LocalImages local = new LocalImages(store);
    LayerForms forms = new LayerForms(store);
    List<ExportedImage> exported = new ArrayList<>();
    BlobReader blobs = store.content();
    // Every name is found before any layer is compressed: a typo stores nothing.
    List<StoredImage> found = new ArrayList<>();
    for (String name : images) {
      found.add(local.find(name));
    }
    for (int i = 0; i < images.size(); i++) {
      String name = images.get(i);
      StoredImage img = found.get(i);
      List<ImageReference> names = new ArrayList<>();
      String asRef = LocalImages.referenceName(name).orElse("");
      if (img.names().contains(asRef)) {
        names.add(ImageReference.parse(asRef));
      } else {
        img.names().forEach(n -> names.add(ImageReference.parse(n)));
      }
      LayerForms.Outbound out = forms.outbound(img.manifestDescriptor(), layers);
      blobs = out.blobs(blobs);
      exported.add(new ExportedImage(names, out.descriptor(), out.manifest()));
    }
    return new Leaving(exported, blobs);
  }

  /**
   * Makes a one-layer image of a root file system (directory or tar) and names it. Its creation
   * time is {@code created}.
   *
   * @return the image ID
   */
  public String importRootfs(Path source, String name, Instant created) throws IOException {
    return doImport(source, name, created);
  }

  private String doImport(Path source, String name, Instant created) throws IOException {
    ImageReference ref = parseName(name);
    try (Store store = berth.openStore()) {
      RootfsImporter importer = new RootfsImporter(store.content(), store.newTempPath("import"));
      ImportedImage img = importer.importRootfs(source, created);
      // Unpacked before it is named, as load does: a failure leaves the store as it was.
      SnapshotUndo undo = new SnapshotUndo();
      try {
        prepareSnapshots(
            store, new LocalImages(store).resolve(List.of(ref.toString()), img.manifest()), undo);
        store.refs().put(ref.toString(), img.manifest());
      } catch (IOException | RuntimeException e) {
        undo.run();
        importer.discard();
        throw e;
      }
      return img.imageId().toString();
    }
  }

  /**
   * Extracts an image's layers into snapshots now, as docker does when it loads an image, so that
   * the first build on it does not have to. Builds need root, so this is done only as root. The
   * snapshots this makes are noted in {@code undo}.
   */
  private void prepareSnapshots(Store store, StoredImage img, SnapshotUndo undo)
      throws IOException {
    if (!BuildService.isRoot()) {
      return;
    }
    Snapshotter snapshotter = berth.snapshotter(store);
    undo.note(snapshotter, img.config().diffIds());
    snapshotter.unpackChain(img.manifest().layers(), img.config().diffIds());
  }

  /** The refs, for tests and tools. */
  List<Ref> refs() throws IOException {
    try (Store store = berth.openStore()) {
      return store.refs().list();
    }
  }

  static ImageReference parseName(String name) throws BerthException {
    try {
      return ImageReference.parse(name);
    } catch (IllegalArgumentException e) {
      throw new BerthException(ErrorKind.INVALID_INPUT, e.getMessage());
    }
  }

  static Descriptor descriptorOf(String mediaType, byte[] bytes) {
    return ImageJson.descriptor(mediaType, bytes);
  }
}
