package dev.berth.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.MediaType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcTest {

  @TempDir Path root;
  Store store;

  @BeforeEach
  void open() throws IOException {
    store = Store.open(root);
  }

  @AfterEach
  void close() throws IOException {
    store.close();
  }

  /** Stores an image with the given layer contents; returns its manifest descriptor. */
  static Descriptor image(Store store, String... layers) throws IOException {
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
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":["
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

  static Descriptor index(Store store, Descriptor... manifests) throws IOException {
    StringBuilder entries = new StringBuilder();
    for (Descriptor m : manifests) {
      entries
          .append(entries.length() == 0 ? "" : ",")
          .append("{\"mediaType\":\"" + m.mediaType() + "\",\"digest\":\"" + m.digest())
          .append("\",\"size\":" + m.size() + ",\"platform\":{\"architecture\":\"amd64\",")
          .append("\"os\":\"linux\"}}");
    }
    byte[] json =
        ("{\"schemaVersion\":2,\"mediaType\":\""
                + MediaType.OCI_INDEX
                + "\",\"manifests\":["
                + entries
                + "]}")
            .getBytes(UTF_8);
    return new Descriptor(MediaType.OCI_INDEX, store.content().put(json), json.length);
  }

  @Test
  void gc_keepsWhatRefsReach_removesTheRest() throws IOException {
    Descriptor kept = image(store, "base", "app");
    Descriptor dropped = image(store, "base", "other");
    store.refs().put("example.com/app:1", kept);
    Digest orphan = store.content().put("orphan".getBytes(UTF_8));
    long before = store.content().list().size();

    GcResult result = store.gc();

    List<Digest> left = store.content().list().stream().map(BlobInfo::digest).toList();
    assertThat(left).contains(kept.digest(), Digest.sha256("base".getBytes(UTF_8)));
    assertThat(left)
        .doesNotContain(orphan, dropped.digest(), Digest.sha256("other".getBytes(UTF_8)));
    // manifest, config and "other" of the dropped image, plus the orphan
    assertThat(result.blobs().count()).isEqualTo(4);
    assertThat(result.blobs().count()).isEqualTo(before - left.size());
    assertThat(result.blobs().bytes()).isPositive();
    assertThat(result.totalBytes()).isEqualTo(result.blobs().bytes());
  }

  @Test
  void gc_followsIndexToManifests() throws IOException {
    Descriptor m = image(store, "layer-x");
    store.refs().put("multi:1", index(store, m));
    assertThat(store.gc().blobs().count()).isZero();
    Reachable reachable = store.reachable();
    assertThat(reachable.blobs()).contains(m.digest(), Digest.sha256("layer-x".getBytes(UTF_8)));
    assertThat(reachable.chainIds()).containsExactly(Digest.sha256("layer-x".getBytes(UTF_8)));
  }

  @Test
  void gc_cacheRecordsLiveWhileTheirBlobsAreReachable() throws IOException {
    Descriptor kept = image(store, "k");
    store.refs().put("k:1", kept);
    Digest keptLayer = Digest.sha256("k".getBytes(UTF_8));
    Digest goneLayer = store.content().put("gone".getBytes(UTF_8));
    Digest k1 = Digest.sha256("key1".getBytes(UTF_8));
    Digest k2 = Digest.sha256("key2".getBytes(UTF_8));
    Digest k3 = Digest.sha256("key3".getBytes(UTF_8));
    store.cache().put(k1, "{\"layers\":1}".getBytes(UTF_8), List.of(keptLayer));
    store.cache().put(k2, new byte[] {0, 1, 2}, List.of(keptLayer, goneLayer));
    store.cache().put(k3, new byte[] {9}, List.of());

    GcResult result = store.gc();

    assertThat(result.cacheRecords().count()).isEqualTo(2);
    assertThat(store.cache().keys()).containsExactly(k1);
    assertThat(store.cache().get(k1).orElseThrow().value())
        .isEqualTo("{\"layers\":1}".getBytes(UTF_8));
  }

  @Test
  void cacheRecords_putGetDelete() throws IOException {
    Digest key = Digest.sha256("k".getBytes(UTF_8));
    Digest blob = Digest.sha256("b".getBytes(UTF_8));
    assertThat(store.cache().get(key)).isEmpty();
    store.cache().put(key, new byte[] {(byte) 0xff, 0}, List.of(blob));
    CacheRecord r = store.cache().get(key).orElseThrow();
    assertThat(r.value()).containsExactly((byte) 0xff, 0);
    assertThat(r.blobs()).containsExactly(blob);
    store.cache().delete(key);
    assertThat(store.cache().keys()).isEmpty();
  }
}
