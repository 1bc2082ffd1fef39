package dev.berth.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.MediaType;
import dev.berth.store.BlobInfo;
import dev.berth.store.Leases;
import dev.berth.store.Store;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code image prune}, {@code builder prune} and {@code system df} over a store of hand-made
 * images: which images go with and without -a, what filters spare, that the build cache outlives an
 * image prune, and that df counts a shared layer once.
 */
class PruneServiceTest {

  @TempDir Path tmp;
  Berth berth;

  @BeforeEach
  void berth() throws IOException {
    berth = Berth.fromEnvironment(Map.of(), Optional.of(tmp.resolve("store")));
  }

  /** An image of text layers, created at {@code created} with {@code labels}. */
  static Descriptor image(Store store, String created, String labels, String... layers)
      throws IOException {
    StringBuilder diffIds = new StringBuilder();
    StringBuilder layerJson = new StringBuilder();
    for (String l : layers) {
      Digest d = store.content().put(l.getBytes(UTF_8));
      diffIds.append(diffIds.length() == 0 ? "" : ",").append('"').append(d).append('"');
      layerJson
          .append(layerJson.length() == 0 ? "" : ",")
          .append("{\"mediaType\":\"" + MediaType.OCI_LAYER + "\",\"digest\":\"" + d)
          .append("\",\"size\":" + l.length() + "}");
    }
    byte[] config =
        ("{\"created\":\""
                + created
                + "\",\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{"
                + labels
                + "}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
                + diffIds
                + "]}}")
            .getBytes(UTF_8);
    Digest configDigest = store.content().put(config);
    byte[] manifest =
        ("{\"schemaVersion\":2,\"mediaType\":\""
                + MediaType.OCI_MANIFEST
                + "\",\"config\":{\"mediaType\":\""
                + MediaType.OCI_CONFIG
                + "\",\"digest\":\""
                + configDigest
                + "\",\"size\":"
                + config.length
                + "},\"layers\":["
                + layerJson
                + "]}")
            .getBytes(UTF_8);
    return new Descriptor(MediaType.OCI_MANIFEST, store.content().put(manifest), manifest.length);
  }

  private static Digest configOf(Store store, Descriptor manifest) throws IOException {
    String json = new String(store.content().readAll(manifest.digest()), UTF_8);
    int at = json.indexOf("sha256:");
    return Digest.parse(json.substring(at, at + 71));
  }

  private List<Digest> blobs() throws IOException {
    try (Store store = berth.openStore()) {
      return store.content().list().stream().map(BlobInfo::digest).toList();
    }
  }

  @Test
  void pruneRemovesDanglingImagesOnlyAndAllRemovesUnusedNamedOnes() throws IOException {
    Digest old;
    Digest named;
    Digest used;
    try (Store store = berth.openStore()) {
      Descriptor dangling = image(store, "2024-01-01T00:00:00Z", "", "base", "old-top");
      old = configOf(store, dangling);
      Descriptor app = image(store, "2024-01-01T00:00:00Z", "", "base", "new-top");
      named = configOf(store, app);
      store.refs().put("docker.io/library/app:1", app);
      Descriptor run = image(store, "2024-01-01T00:00:00Z", "", "running");
      used = configOf(store, run);
      store.refs().put("docker.io/library/run:1", run);
      store.leases().put(new Leases.Lease("container-x", List.of(run)));
    }

    PruneReport dangling = berth.images().pruneImages(new ImagePruneRequest(false, List.of()));
    assertThat(dangling.lines()).containsExactly("deleted: " + old);
    assertThat(dangling.bytes()).isPositive();
    assertThat(blobs()).doesNotContain(old, Digest.sha256("old-top".getBytes(UTF_8)));
    assertThat(blobs()).contains(Digest.sha256("base".getBytes(UTF_8)));

    PruneReport all = berth.images().pruneImages(new ImagePruneRequest(true, List.of()));
    assertThat(all.lines()).containsExactly("untagged: app:1", "deleted: " + named);
    assertThat(blobs()).contains(used).doesNotContain(named);
    assertThat(berth.images().list().rows())
        .extracting(ImageRow::repository)
        .containsExactly("run");
  }

  @Test
  void filtersSpareDanglingAndNamedImagesAlike() throws IOException {
    Digest older;
    try (Store store = berth.openStore()) {
      Descriptor a = image(store, "2020-01-01T00:00:00Z", "\"stage\":\"ci\"", "a");
      older = configOf(store, a);
      image(store, "2030-01-01T00:00:00Z", "\"stage\":\"ci\"", "b");
      store.refs().put("docker.io/library/named:1", image(store, "2020-01-01T00:00:00Z", "", "c"));
    }
    List<ImageFilter> filters =
        List.of(
            new ImageFilter.Until(Instant.parse("2025-01-01T00:00:00Z")),
            new ImageFilter.Label("stage", Optional.of("ci"), false));
    PruneReport r = berth.images().pruneImages(new ImagePruneRequest(true, filters));
    assertThat(r.lines()).containsExactly("deleted: " + older);
    // the newer dangling image and the unlabelled named one are still there
    assertThat(blobs()).contains(Digest.sha256("b".getBytes(UTF_8)));
    assertThat(berth.images().list().rows()).hasSize(1);
  }

  @Test
  void imagePruneLeavesTheBuildCacheAndBuilderPruneTakesIt() throws IOException {
    Digest stageLayer = Digest.sha256("builder-stage".getBytes(UTF_8));
    Digest imageLayer = Digest.sha256("app".getBytes(UTF_8));
    Digest stageKey = Digest.sha256("key-1".getBytes(UTF_8));
    Digest imageKey = Digest.sha256("key-2".getBytes(UTF_8));
    try (Store store = berth.openStore()) {
      store.content().put("builder-stage".getBytes(UTF_8));
      store.refs().put("docker.io/library/app:1", image(store, "2024-01-01T00:00:00Z", "", "app"));
      store.cache().put(stageKey, "{}".getBytes(UTF_8), List.of(stageLayer));
      store.cache().put(imageKey, "{}".getBytes(UTF_8), List.of(imageLayer));
    }
    berth.images().pruneImages(new ImagePruneRequest(false, List.of()));
    assertThat(blobs()).contains(stageLayer);

    PruneReport dangling = berth.images().pruneBuildCache(false, Optional.empty());
    assertThat(dangling.lines()).containsExactly(stageKey.hex());
    assertThat(blobs()).doesNotContain(stageLayer).contains(imageLayer);
    try (Store store = berth.openStore()) {
      assertThat(store.cache().keys()).containsExactly(imageKey);
    }

    PruneReport all = berth.images().pruneBuildCache(true, Optional.empty());
    assertThat(all.lines()).containsExactly(imageKey.hex());
    assertThat(blobs()).contains(imageLayer);
  }

  @Test
  void builderPruneUntilKeepsNewerRecords() throws IOException {
    Digest key = Digest.sha256("k".getBytes(UTF_8));
    try (Store store = berth.openStore()) {
      store.cache().put(key, "{}".getBytes(UTF_8), List.of());
    }
    PruneReport r =
        berth.images().pruneBuildCache(true, Optional.of(Instant.now().minusSeconds(3600)));
    assertThat(r.lines()).isEmpty();
    assertThat(berth.images().pruneBuildCache(true, Optional.empty()).lines())
        .containsExactly(key.hex());
  }

  @Test
  void diskUsageCountsASharedLayerOnce() throws IOException {
    long base = "base-layer".length();
    try (Store store = berth.openStore()) {
      store
          .refs()
          .put(
              "docker.io/library/a:1", image(store, "2024-01-01T00:00:00Z", "", "base-layer", "a"));
      store
          .refs()
          .put(
              "docker.io/library/b:1", image(store, "2024-01-01T00:00:00Z", "", "base-layer", "b"));
    }
    DiskUsage du = berth.diskUsage().usage();
    assertThat(du.images()).hasSize(2);
    long sum = du.images().stream().mapToLong(DiskUsage.ImageUsage::size).sum();
    assertThat(du.imagesSize()).isEqualTo(sum - base);
    assertThat(du.images()).allSatisfy(i -> assertThat(i.sharedSize()).isEqualTo(base));
    assertThat(du.imagesReclaimable()).isEqualTo(du.imagesSize());
    assertThat(du.buildCache()).isEmpty();
  }
}
