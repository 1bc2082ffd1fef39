package dev.berth.app;

import dev.berth.container.ContainerStore;
import dev.berth.container.MountRequest;
import dev.berth.container.Volume;
import dev.berth.container.VolumeStore;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.ImageReference;
import dev.berth.store.AtomicFiles;
import dev.berth.store.BlobInfo;
import dev.berth.store.CacheRecord;
import dev.berth.store.ChainId;
import dev.berth.store.LayerForms;
import dev.berth.store.LocalImages;
import dev.berth.store.Store;
import dev.berth.store.StoreLayout;
import dev.berth.store.StoredImage;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code berth system df}: the store's space by kind. An image is its blobs (index, manifest,
 * config, layers, by their stored size) and its layers' unpacked snapshots (their files' bytes);
 * each of those parts counts once in the images' total however many images share it, as docker
 * counts shared layers once. Whatever else the store holds for builds is build cache.
 */
public final class DiskUsageService {

  private final Berth berth;

  DiskUsageService(Berth berth) {
    this.berth = berth;
  }

  public DiskUsage usage() throws IOException {
    Map<String, ContainerService.ContainerRow> rows = new HashMap<>();
    for (ContainerService.ContainerRow r : berth.containers().list(true, r -> true)) {
      rows.put(r.id(), r);
    }
    try (Store store = berth.openStore()) {
      StoreLayout layout = store.layout();
      List<ContainerStore.Entry> entries = new ContainerStore(store).list();
      Map<String, Long> treeSizes = new HashMap<>();

      // Images, named and dangling, with the parts each is made of.
      List<StoredImage> images = new ArrayList<>(new LocalImages(store).list());
      images.addAll(DanglingImages.find(store));
      List<SharedSizes.Item> items = new ArrayList<>();
      Map<String, Integer> containersOf = new HashMap<>();
      Set<Digest> imageBlobs = new HashSet<>();
      Set<Path> imageSnapshots = new HashSet<>();
      for (StoredImage img : images) {
        int users = 0;
        for (ContainerStore.Entry e : entries) {
          Digest d = e.spec().manifest().digest();
          if (d.equals(img.target().digest()) || d.equals(img.manifestDescriptor().digest())) {
            users++;
          }
        }
        String key = img.target().digest().toString();
        containersOf.put(key, users);
        Map<String, Long> parts = new LinkedHashMap<>();
        List<Descriptor> blobs = new ArrayList<>();
        blobs.add(img.target());
        blobs.add(img.manifestDescriptor());
        blobs.add(img.manifest().config());
        blobs.addAll(img.manifest().layers());
        for (Descriptor d : blobs) {
          Optional<Long> size = store.content().size(d.digest());
          if (size.isPresent()) {
            parts.put(d.digest().toString(), size.get());
            imageBlobs.add(d.digest());
          }
        }
        for (Digest chain : ChainId.of(img.config().diffIds())) {
          for (Path dir : snapshotDirs(layout, chain)) {
            parts.put(dir.toString(), treeSizes.computeIfAbsent(dir.toString(), k -> size(dir)));
            imageSnapshots.add(dir);
          }
        }
        items.add(new SharedSizes.Item(key, parts, users > 0));
      }
      SharedSizes.Result sized = SharedSizes.of(items);
      List<DiskUsage.ImageUsage> imageRows = new ArrayList<>();
      for (int i = 0; i < images.size(); i++) {
        StoredImage img = images.get(i);
        SharedSizes.Sized s = sized.items().get(i);
        Optional<ImageReference> name =
            img.names().isEmpty()
                ? Optional.empty()
                : Optional.of(ImageReference.parse(img.names().get(0)));
        imageRows.add(
            new DiskUsage.ImageUsage(
                name.map(n -> repositoryOf(n.familiar())),
                name.map(n -> n.tag().orElse("<none>")),
                img.id().toString(),
                img.config().created(),
                s.size(),
                s.shared(),
                containersOf.get(s.id())));
      }

      // Containers: their writable layers.
      List<DiskUsage.ContainerUsage> containerRows = new ArrayList<>();
      Map<String, Integer> links = new HashMap<>();
      for (ContainerStore.Entry e : entries) {
        int volumes = 0;
        for (MountRequest m : e.spec().mounts()) {
          if (m instanceof MountRequest.Volume v) {
            volumes++;
            links.merge(v.name(), 1, Integer::sum);
          }
        }
        ContainerService.ContainerRow r = rows.get(e.spec().id());
        Path rw = e.dir().resolve("rw");
        Path upper = rw.resolve("upper");
        containerRows.add(
            new DiskUsage.ContainerUsage(
                e.spec().id(),
                e.spec().image(),
                r == null ? ContainerService.psCommand(e.spec().args()) : r.command(),
                volumes,
                size(Files.isDirectory(upper) ? upper : rw),
                e.spec().created(),
                r == null ? "" : r.status(),
                e.spec().name(),
                r != null && r.state().equals("running")));
      }

      List<DiskUsage.VolumeUsage> volumeRows = new ArrayList<>();
      for (Volume v : new VolumeStore(store).list()) {
        volumeRows.add(
            new DiskUsage.VolumeUsage(
                v.name(), links.getOrDefault(v.name(), 0), size(v.mountpoint())));
      }

      return new DiskUsage(
          imageRows,
          sized.total(),
          sized.reclaimable(),
          containerRows,
          volumeRows,
          buildCache(store, imageBlobs, imageSnapshots, treeSizes));
    }
  }

  /**
   * The build cache: step records (with the layers only they hold), snapshots and blobs no image
   * uses, and the rooms' entries.
   */
  private static List<DiskUsage.CacheUsage> buildCache(
      Store store, Set<Digest> imageBlobs, Set<Path> imageSnapshots, Map<String, Long> treeSizes)
      throws IOException {
    StoreLayout layout = store.layout();
    List<DiskUsage.CacheUsage> out = new ArrayList<>();
    Set<Digest> counted = new HashSet<>(imageBlobs);
    for (Digest key : store.cache().keys()) {
      Path file = layout.cache().resolve(key.hex() + ".json");
      Optional<CacheRecord> record;
      try {
        record = store.cache().get(key);
      } catch (dev.berth.diag.BerthException corrupt) {
        record = Optional.empty();
      }
      long size = fileSize(file);
      List<Digest> blobs = record.map(CacheRecord::blobs).orElse(List.of());
      for (Digest b : blobs) {
        if (counted.add(b)) {
          size += store.content().size(b).orElse(0L);
        }
      }
      boolean shared = !blobs.isEmpty() && imageBlobs.containsAll(blobs);
      String description =
          blobs.isEmpty() ? "step without a layer" : "layer " + blobs.get(0).hex().substring(0, 12);
      out.add(
          new DiskUsage.CacheUsage(key.hex(), "regular", description, size, written(file), shared));
    }
    Map<Digest, String> forms = new LayerForms(store).describeAll();
    for (BlobInfo b : store.content().list()) {
      if (counted.add(b.digest())) {
        out.add(
            new DiskUsage.CacheUsage(
                b.digest().hex(),
                "regular",
                forms.getOrDefault(b.digest(), "unreferenced blob"),
                b.size(),
                b.committed(),
                false));
      }
    }
    for (Path driver : children(layout.snapshots())) {
      for (Path snapshot : children(driver)) {
        if (!imageSnapshots.contains(snapshot)) {
          long size = treeSizes.computeIfAbsent(snapshot.toString(), k -> size(snapshot));
          out.add(
              new DiskUsage.CacheUsage(
                  snapshot.getFileName().toString(),
                  "regular",
                  "snapshot (" + driver.getFileName() + ")",
                  size,
                  written(snapshot),
                  false));
        }
      }
    }
    room(out, layout.cacheMounts(), "exec.cachemount", "RUN --mount=type=cache");
    room(out, layout.contextCache(), "source.local", "context digests");
    room(out, layout.explain(), "internal", "--explain-cache record");
    return out;
  }

  private static void room(List<DiskUsage.CacheUsage> out, Path room, String type, String what)
      throws IOException {
    for (Path entry : children(room)) {
      out.add(
          new DiskUsage.CacheUsage(
              entry.getFileName().toString(), type, what, size(entry), written(entry), false));
    }
  }

  private static List<Path> snapshotDirs(StoreLayout layout, Digest chain) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path driver : children(layout.snapshots())) {
      Path dir = driver.resolve(chain.hex());
      if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        out.add(dir);
      }
    }
    return out;
  }

  private static List<Path> children(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      s.forEach(out::add);
    }
    out.sort(null);
    return out;
  }

  private static long size(Path tree) {
    try {
      return AtomicFiles.treeSize(tree);
    } catch (IOException gone) {
      // removed while we looked (a prune, a container going): it takes nothing now
      return 0;
    }
  }

  private static long fileSize(Path file) throws IOException {
    try {
      return Files.size(file);
    } catch (NoSuchFileException gone) {
      return 0;
    }
  }

  private static Instant written(Path p) throws IOException {
    try {
      return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant();
    } catch (NoSuchFileException gone) {
      return Instant.EPOCH;
    }
  }

  private static String repositoryOf(String familiar) {
    int at = familiar.indexOf('@');
    String s = at >= 0 ? familiar.substring(0, at) : familiar;
    int colon = s.lastIndexOf(':');
    return colon > s.lastIndexOf('/') ? s.substring(0, colon) : s;
  }
}
