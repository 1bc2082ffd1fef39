package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.Digest;
import dev.berth.image.MediaType;
import dev.berth.layer.DiffIds;
import dev.berth.store.Ref;
import dev.berth.store.Store;
import dev.berth.store.snapshot.SnapshotInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images whose config claims a diff ID their layer does not have (the genuine busybox's, for a
 * layer that adds {@code /trojan}) are refused on load and pull, store no name and no snapshot, and
 * the genuine image loaded or imported afterwards gets a snapshot of its own content.
 */
class LayerTrustTest {

  private static final String NAME = "docker.io/library/busybox:latest";
  private static final Digest GENUINE_ID = Digest.sha256(CraftedImages.GENUINE);
  private static final Digest TROJAN_ID = Digest.sha256(CraftedImages.TROJAN);

  @TempDir Path tmp;
  Path root;
  Berth berth;
  HttpServer registry;

  @BeforeEach
  void setUp() throws IOException {
    root = tmp.resolve("store");
    berth = berth(Map.of());
  }

  @AfterEach
  void stop() {
    if (registry != null) {
      registry.stop(0);
    }
  }

  private Berth berth(Map<String, String> env) throws IOException {
    Map<String, String> all = new HashMap<>(env);
    all.put("BERTH_SNAPSHOTTER", "copy");
    return Berth.fromEnvironment(all, Optional.of(root));
  }

  private static CraftedImages.Image hostile() {
    return CraftedImages.image(CraftedImages.TROJAN, GENUINE_ID);
  }

  private static CraftedImages.Image genuine() {
    return CraftedImages.image(CraftedImages.GENUINE, GENUINE_ID);
  }

  private List<SnapshotInfo> snapshots() throws IOException {
    try (Store store = berth.openStore()) {
      return berth.snapshotter(store).list();
    }
  }

  private static void assertMismatch(Throwable t) {
    assertThat(t)
        .isInstanceOfSatisfying(
            BerthException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
              assertThat(e.code()).isEqualTo(DiffIds.MISMATCH);
            })
        .hasMessageContaining("layer 1 of 1")
        .hasMessageContaining("has diff ID " + TROJAN_ID)
        .hasMessageContaining("the image config claims " + GENUINE_ID);
  }

  /** The genuine image's snapshot holds its shell and no trojan. */
  private void assertGenuineSnapshot() throws IOException {
    assertThat(snapshots()).extracting(SnapshotInfo::name).containsExactly(GENUINE_ID.toString());
    assertOnlySnapshotIsGenuine();
  }

  private void assertOnlySnapshotIsGenuine() throws IOException {
    List<SnapshotInfo> all = snapshots();
    assertThat(all).hasSize(1);
    Digest id = Digest.parse(all.get(0).name());
    Path fs = root.resolve("snapshots/copy").resolve(id.hex()).resolve("fs");
    assertThat(fs.resolve("bin/sh")).hasContent("busybox");
    assertThat(fs.resolve("trojan")).doesNotExist();
  }

  @Test
  void ociLayoutClaimingAnotherLayersDiffId_isRefusedAndStoresNothing() throws IOException {
    Path bad = CraftedImages.ociArchive(tmp.resolve("bad.tar"), hostile(), NAME);
    assertThatThrownBy(() -> berth.images().load(bad))
        .satisfies(LayerTrustTest::assertMismatch)
        .hasMessageContaining(bad.toString());
    assertThat(berth.images().refs()).isEmpty();
    assertThat(snapshots()).isEmpty();

    Path good = CraftedImages.ociArchive(tmp.resolve("good.tar"), genuine(), NAME);
    berth.images().load(good);
    assertThat(berth.images().refs()).extracting(Ref::name).containsExactly(NAME);
    assertGenuineSnapshot();
  }

  @Test
  void dockerArchiveClaimingAnotherLayersDiffId_isRefusedAndStoresNothing() throws IOException {
    Path bad = CraftedImages.dockerArchive(tmp.resolve("bad.tar"), hostile(), "busybox:latest");
    assertThatThrownBy(() -> berth.images().load(bad)).satisfies(LayerTrustTest::assertMismatch);
    assertThat(berth.images().refs()).isEmpty();
    assertThat(snapshots()).isEmpty();

    Path good = CraftedImages.dockerArchive(tmp.resolve("good.tar"), genuine(), "busybox:latest");
    berth.images().load(good);
    assertThat(berth.images().refs()).extracting(Ref::name).containsExactly(NAME);
    assertGenuineSnapshot();
  }

  @Test
  void aLayerTheStoreAlreadyHasIsCheckedAgainstTheNewConfigsClaimToo() throws IOException {
    // The trojan layer is stored first under its own (true) diff ID ...
    berth
        .images()
        .load(
            CraftedImages.ociArchive(
                tmp.resolve("honest.tar"),
                CraftedImages.image(CraftedImages.TROJAN, TROJAN_ID),
                "example.com/trojan:1"));
    // ... then an image reuses that blob and claims busybox's diff ID for it.
    Path bad = CraftedImages.ociArchive(tmp.resolve("bad.tar"), hostile(), NAME);
    assertThatThrownBy(() -> berth.images().load(bad)).satisfies(LayerTrustTest::assertMismatch);
    assertThat(berth.images().refs()).extracting(Ref::name).containsExactly("example.com/trojan:1");
    assertThat(snapshots()).extracting(SnapshotInfo::name).containsExactly(TROJAN_ID.toString());
  }

  @Test
  void importOfTheGenuineTreeAfterARefusedLoadGetsItsOwnContent() throws IOException {
    Path bad = CraftedImages.ociArchive(tmp.resolve("bad.tar"), hostile(), NAME);
    assertThatThrownBy(() -> berth.images().load(bad)).isInstanceOf(BerthException.class);
    Path rootfs = tmp.resolve("rootfs.tar");
    Files.write(rootfs, CraftedImages.GENUINE);
    berth.images().importRootfs(rootfs, NAME, Instant.parse("2024-01-02T03:04:05Z"));
    // import writes the tree again (its own diff ID); what matters is the content under it.
    assertOnlySnapshotIsGenuine();
  }

  @Test
  void pullOfAnImageClaimingAnotherLayersDiffId_isRefusedAndNamesNothing() throws IOException {
    CraftedImages.Image img = hostile();
    registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    registry.createContext(
        "/v2/",
        ex -> {
          String path = ex.getRequestURI().getPath();
          if (path.equals("/v2/") || path.equals("/v2")) {
            reply(ex, "application/json", "{}".getBytes());
          } else if (path.endsWith("/manifests/1")) {
            ex.getResponseHeaders().add("Docker-Content-Digest", img.manifestDigest().toString());
            reply(ex, MediaType.OCI_MANIFEST, img.manifest());
          } else if (path.endsWith("/blobs/" + img.configDigest())) {
            reply(ex, "application/octet-stream", img.config());
          } else if (path.endsWith("/blobs/" + img.layerDigest())) {
            reply(ex, "application/octet-stream", img.layer());
          } else {
            ex.sendResponseHeaders(404, -1);
            ex.close();
          }
        });
    registry.start();
    String host = "127.0.0.1:" + registry.getAddress().getPort();
    berth = berth(Map.of(Berth.INSECURE_ENV, host));
    assertThatThrownBy(() -> berth.registries().pull(host + "/busybox:1", line -> {}))
        .satisfies(LayerTrustTest::assertMismatch);
    assertThat(berth.images().refs()).isEmpty();
    assertThat(snapshots()).isEmpty();
  }

  private static void reply(HttpExchange ex, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().add("Content-Type", type);
    if (ex.getRequestMethod().equals("HEAD")) {
      ex.getResponseHeaders().add("Content-Length", Integer.toString(body.length));
      ex.sendResponseHeaders(200, -1);
    } else {
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
    }
    ex.close();
  }
}
