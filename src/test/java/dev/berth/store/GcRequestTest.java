package dev.berth.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collection the prunes ask for: extra roots, cache records kept, records removed by age. */
class GcRequestTest {

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

  private List<Digest> blobs() throws IOException {
    return store.content().list().stream().map(BlobInfo::digest).toList();
  }

  @Test
  void extraRootsAreKeptAsIfNamed() throws IOException {
    Descriptor spared = GcTest.image(store, "spared-layer");
    Descriptor dropped = GcTest.image(store, "dropped-layer");
    GcResult r = store.gc(new GcRequest(List.of(spared), false, false, Optional.empty()));
    assertThat(blobs()).contains(spared.digest(), Digest.sha256("spared-layer".getBytes(UTF_8)));
    assertThat(blobs()).doesNotContain(dropped.digest());
    assertThat(r.blobs().count()).isEqualTo(3);
  }

  @Test
  void keepCacheBlobsKeepsRecordsTheirLayersAndBloblessRecords() throws IOException {
    Digest layer = store.content().put("stage-layer".getBytes(UTF_8));
    Digest withLayer = Digest.sha256("k1".getBytes(UTF_8));
    Digest blobless = Digest.sha256("k2".getBytes(UTF_8));
    store.cache().put(withLayer, new byte[] {1}, List.of(layer));
    store.cache().put(blobless, new byte[] {2}, List.of());

    store.gc(new GcRequest(List.of(), true, false, Optional.empty()));
    assertThat(blobs()).contains(layer);
    assertThat(store.cache().keys()).containsExactlyInAnyOrder(withLayer, blobless);

    store.gc(GcRequest.unreachable(Optional.empty(), false));
    assertThat(blobs()).doesNotContain(layer);
    assertThat(store.cache().keys()).isEmpty();
  }

  @Test
  void removeIfTakesOnlyChosenRecordsOlderThanUntil() throws IOException {
    Digest old = Digest.sha256("old".getBytes(UTF_8));
    Digest fresh = Digest.sha256("fresh".getBytes(UTF_8));
    Digest chosenNot = Digest.sha256("not".getBytes(UTF_8));
    store.cache().put(old, new byte[] {1}, List.of());
    store.cache().put(fresh, new byte[] {2}, List.of());
    store.cache().put(chosenNot, new byte[] {3}, List.of(Digest.sha256("x".getBytes(UTF_8))));
    Instant longAgo = Instant.parse("2020-01-01T00:00:00Z");
    for (Digest d : List.of(old, chosenNot)) {
      Files.setLastModifiedTime(
          store.layout().cache().resolve(d.hex() + ".json"), FileTime.from(longAgo));
    }
    List<Digest> removed = new ArrayList<>();
    Swept s =
        store
            .cache()
            .removeIf(
                Optional.of(Instant.parse("2021-01-01T00:00:00Z")),
                r -> r.blobs().isEmpty(),
                removed::add);
    assertThat(removed).containsExactly(old);
    assertThat(s.count()).isEqualTo(1);
    assertThat(s.bytes()).isPositive();
    assertThat(store.cache().keys()).containsExactlyInAnyOrder(fresh, chosenNot);
  }
}
