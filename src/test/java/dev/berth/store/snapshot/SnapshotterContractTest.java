package dev.berth.store.snapshot;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.MediaType;
import dev.berth.mount.MountSpec;
import dev.berth.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract every snapshotter keeps; one subclass per implementation runs it. */
abstract class SnapshotterContractTest {

  @TempDir Path root;
  @TempDir Path scratch;
  Store store;
  Snapshotter snapshotter;
  final AtomicInteger unpacks = new AtomicInteger();
  final List<Path> mounted = new ArrayList<>();

  abstract Snapshotter create(Store store, LayerUnpacker unpacker) throws IOException;

  /** Makes the mounts readable as one tree: mounts them for real where possible. */
  abstract Path view(List<MountSpec> mounts, Path scratch) throws IOException;

  @BeforeEach
  void open() throws IOException {
    store = Store.open(root);
    snapshotter = create(store, this::untar);
  }

  @AfterEach
  void close() throws Exception {
    for (Path m : mounted) {
      new ProcessBuilder("umount", m.toString()).inheritIO().start().waitFor();
    }
    store.close();
  }

  /** A trivial unpacker for uncompressed tars of regular files and directories. */
  Digest untar(Digest blob, InputStream raw, UnpackTarget target) throws IOException {
    unpacks.incrementAndGet();
    MessageDigest md = Digest.newSha256();
    DigestInputStream in = new DigestInputStream(raw, md);
    TarArchiveInputStream tar = new TarArchiveInputStream(in);
    TarArchiveEntry e;
    while ((e = tar.getNextEntry()) != null) {
      Path p = target.root().resolve(e.getName()).normalize();
      if (e.isDirectory()) {
        Files.createDirectories(p);
      } else {
        Files.createDirectories(p.getParent());
        Files.copy(tar, p, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    in.transferTo(OutputStream.nullOutputStream());
    return Digest.fromSha256(md.digest());
  }

  static byte[] tar(String... namesAndContents) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      for (int i = 0; i < namesAndContents.length; i += 2) {
        byte[] content = namesAndContents[i + 1].getBytes(UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(namesAndContents[i]);
        e.setSize(content.length);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** A stored layer; its diff ID is its digest since it is uncompressed. */
  Descriptor layer(String... namesAndContents) throws IOException {
    byte[] t = tar(namesAndContents);
    return new Descriptor(MediaType.OCI_LAYER, store.content().put(t), t.length);
  }

  Path viewOf(List<MountSpec> mounts) throws IOException {
    return view(mounts, Files.createTempDirectory(scratch, "view"));
  }

  @Test
  void prepareWriteCommit_childSeesParent_parentUnchanged() throws IOException {
    Path base = viewOf(snapshotter.prepare("k-base", ""));
    Files.writeString(base.resolve("a.txt"), "from base");
    unmountAll();
    snapshotter.commit("base", "k-base");

    Path child = viewOf(snapshotter.prepare("k-child", "base"));
    assertThat(child.resolve("a.txt")).hasContent("from base");
    Files.writeString(child.resolve("a.txt"), "changed");
    Files.writeString(child.resolve("b.txt"), "new");
    unmountAll();
    snapshotter.commit("child", "k-child");

    Path again = viewOf(snapshotter.prepare("k-again", "base"));
    assertThat(again.resolve("a.txt")).hasContent("from base");
    assertThat(again.resolve("b.txt")).doesNotExist();
    Path grand = viewOf(snapshotter.prepare("k-grand", "child"));
    assertThat(grand.resolve("a.txt")).hasContent("changed");
    assertThat(grand.resolve("b.txt")).hasContent("new");

    SnapshotInfo info = snapshotter.stat("child");
    assertThat(info.kind()).isEqualTo(SnapshotInfo.Kind.COMMITTED);
    assertThat(info.parent()).contains("base");
    assertThat(snapshotter.stat("k-grand").kind()).isEqualTo(SnapshotInfo.Kind.ACTIVE);
    assertThat(snapshotter.list())
        .extracting(SnapshotInfo::name)
        .containsExactly("base", "child", "k-again", "k-grand");
  }

  @Test
  void errors_haveKindsAndContext() throws IOException {
    assertKind(() -> snapshotter.prepare("k", "nope"), ErrorKind.NOT_FOUND, "nope");
    snapshotter.prepare("k", "");
    assertKind(() -> snapshotter.prepare("k", ""), ErrorKind.CONFLICT, "snapshot k");
    assertKind(() -> snapshotter.commit("n", "missing"), ErrorKind.NOT_FOUND, "missing");
    snapshotter.commit("n", "k");
    assertKind(() -> snapshotter.prepare("n", ""), ErrorKind.CONFLICT, "snapshot n");
    snapshotter.prepare("k2", "");
    assertKind(() -> snapshotter.commit("n", "k2"), ErrorKind.CONFLICT, "snapshot n");
    assertKind(() -> snapshotter.stat("zzz"), ErrorKind.NOT_FOUND, "zzz");
    assertKind(() -> snapshotter.remove("zzz"), ErrorKind.NOT_FOUND, "zzz");
    assertKind(() -> snapshotter.prepare("", ""), ErrorKind.INVALID_INPUT, "key");
  }

  @Test
  void commit_ofAChainIdEightThreadsRaceForKeepsTheFirstAndDropsTheRest() throws Exception {
    String chain = Digest.sha256("one chain".getBytes(UTF_8)).toString();
    int threads = 8;
    for (int i = 0; i < threads; i++) {
      snapshotter.prepare("race-" + i, "");
    }
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        String key = "race-" + i;
        done.add(
            pool.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  snapshotter.commit(chain, key);
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS); // throws if any commit failed
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(snapshotter.stat(chain).kind()).isEqualTo(SnapshotInfo.Kind.COMMITTED);
    assertThat(snapshotter.list()).extracting(SnapshotInfo::name).containsExactly(chain);
    // The losers' trees went with them.
    assertThat(Files.walk(store.layout().tmp()).filter(Files::isDirectory))
        .noneMatch(d -> Files.exists(d.resolve("fs")));
  }

  @Test
  void remove_refusesParentsWithChildren_thenRemovesChildFirst() throws IOException {
    snapshotter.prepare("k1", "");
    snapshotter.commit("p", "k1");
    snapshotter.prepare("k2", "p");
    assertKind(() -> snapshotter.remove("p"), ErrorKind.FAILED_PRECONDITION, "k2");
    snapshotter.commit("c", "k2");
    assertKind(() -> snapshotter.remove("p"), ErrorKind.FAILED_PRECONDITION, "c");
    snapshotter.remove("c");
    snapshotter.remove("p");
    assertThat(snapshotter.list()).isEmpty();
    try (var s = Files.list(root.resolve("snapshots"))) {
      for (Path driver : s.toList()) {
        assertThat(driver).isEmptyDirectory();
      }
    }
  }

  @Test
  void removeActive_deletesItsTree() throws IOException {
    List<MountSpec> mounts = snapshotter.prepare("k", "");
    snapshotter.remove("k");
    assertThat(snapshotter.list()).isEmpty();
    assertThat(Path.of(mounts.get(0).source())).doesNotExist();
  }

  @Test
  void committedSnapshotsOutliveTheSession_activesDoNot() throws IOException {
    snapshotter.prepare("k", "");
    snapshotter.commit("kept", "k");
    snapshotter.prepare("active", "kept");
    store.close();
    store = Store.open(root);
    snapshotter = create(store, this::untar);
    assertThat(snapshotter.list()).extracting(SnapshotInfo::name).containsExactly("kept");
  }

  @Test
  void halfMadeSnapshot_isRemovedOnOpen() throws IOException {
    snapshotter.prepare("k", "");
    snapshotter.commit("whole", "k");
    Path stray =
        Files.createDirectories(root.resolve("snapshots").resolve(driver()).resolve("ab12/fs"));
    store.close();
    store = Store.open(root);
    snapshotter = create(store, this::untar);
    assertThat(stray.getParent()).doesNotExist();
    assertThat(snapshotter.list()).extracting(SnapshotInfo::name).containsExactly("whole");
  }

  abstract String driver();

  @Test
  void unpackChain_extractsEachLayerOnce_andSharesPrefixes() throws IOException {
    Descriptor l1 = layer("etc/os", "berth", "bin/sh", "shell");
    Descriptor l2 = layer("app/main", "v1");
    Descriptor l3 = layer("app/extra", "x");
    List<Digest> ids12 = List.of(l1.digest(), l2.digest());

    Digest top = snapshotter.unpackChain(List.of(l1, l2), ids12).orElseThrow();
    assertThat(unpacks).hasValue(2);
    assertThat(snapshotter.unpackChain(List.of(l1, l2), ids12)).contains(top);
    assertThat(unpacks).hasValue(2);
    Digest top3 =
        snapshotter
            .unpackChain(List.of(l1, l2, l3), List.of(l1.digest(), l2.digest(), l3.digest()))
            .orElseThrow();
    assertThat(unpacks).hasValue(3);
    assertThat(snapshotter.stat(top3.toString()).parent()).contains(top.toString());

    Path view = viewOf(snapshotter.prepare("run", top3.toString()));
    assertThat(view.resolve("etc/os")).hasContent("berth");
    assertThat(view.resolve("app/main")).hasContent("v1");
    assertThat(view.resolve("app/extra")).hasContent("x");
    assertThat(snapshotter.unpackChain(List.of(), List.of())).isEmpty();
  }

  @Test
  void unpackChain_corruptBlob_leavesNoSnapshot() throws IOException {
    Descriptor good = layer("f", "1");
    Path file = root.resolve("blobs/sha256/" + good.digest().hex());
    Files.write(file, tar("f", "2"));
    assertKind(
        () -> snapshotter.unpackChain(List.of(good), List.of(good.digest())),
        ErrorKind.FAILED_PRECONDITION,
        "layer " + good.digest());
    assertThat(snapshotter.list()).isEmpty();
  }

  @Test
  void unpackChain_contentThatIsNotItsClaimedDiffId_isRefusedAndTheGenuineLayerStillUnpacks()
      throws IOException {
    Descriptor genuine = layer("bin/sh", "busybox");
    Descriptor trojan = layer("bin/sh", "busybox", "trojan", "evil");
    // The hostile image claims the genuine layer's diff ID for its own content.
    assertKind(
        () -> snapshotter.unpackChain(List.of(trojan), List.of(genuine.digest())),
        ErrorKind.INVALID_INPUT,
        "has diff ID " + trojan.digest() + ", but the image config claims " + genuine.digest());
    assertThat(snapshotter.list()).isEmpty();

    Digest top = snapshotter.unpackChain(List.of(genuine), List.of(genuine.digest())).orElseThrow();
    Path view = viewOf(snapshotter.view(top.toString()));
    assertThat(view.resolve("bin/sh")).hasContent("busybox");
    assertThat(view.resolve("trojan")).doesNotExist();
  }

  @Test
  void unpackChain_failingUnpacker_leavesNoSnapshot() throws IOException {
    Descriptor l = layer("f", "1");
    Snapshotter failing =
        create(
            store,
            (blob, in, target) -> {
              Files.writeString(target.root().resolve("partial"), "x");
              throw new IOException("boom " + blob);
            });
    assertThatThrownBy(() -> failing.unpackChain(List.of(l), List.of(l.digest())))
        .hasMessageContaining("boom");
    assertThat(failing.list()).isEmpty();
  }

  @Test
  void gcSweep_removesSnapshotsNoRefReaches_keepsSharedBase() throws IOException {
    Descriptor base = layer("base", "b");
    Descriptor a = layer("a", "a");
    Descriptor b = layer("b", "b");
    Digest chainA =
        snapshotter.unpackChain(List.of(base, a), List.of(base.digest(), a.digest())).orElseThrow();
    Digest chainB =
        snapshotter.unpackChain(List.of(base, b), List.of(base.digest(), b.digest())).orElseThrow();
    store.refs().put("a:1", imageOf(base, a));

    var result = store.gc(snapshotter);

    assertThat(result.snapshots().count()).isEqualTo(1);
    assertThat(result.snapshots().bytes()).isPositive();
    assertThat(snapshotter.list())
        .extracting(SnapshotInfo::name)
        .containsExactlyInAnyOrder(base.digest().toString(), chainA.toString())
        .doesNotContain(chainB.toString());
    assertThat(store.content().exists(b.digest())).isFalse();
  }

  Descriptor imageOf(Descriptor... layers) throws IOException {
    StringBuilder ids = new StringBuilder();
    StringBuilder ls = new StringBuilder();
    for (Descriptor l : layers) {
      ids.append(ids.length() == 0 ? "" : ",").append('"').append(l.digest()).append('"');
      ls.append(ls.length() == 0 ? "" : ",")
          .append("{\"mediaType\":\"" + l.mediaType() + "\",\"digest\":\"" + l.digest())
          .append("\",\"size\":" + l.size() + "}");
    }
    byte[] config =
        ("{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + ids + "]}}").getBytes(UTF_8);
    Digest c = store.content().put(config);
    byte[] m =
        ("{\"schemaVersion\":2,\"config\":{\"mediaType\":\""
                + MediaType.OCI_CONFIG
                + "\",\"digest\":\""
                + c
                + "\",\"size\":"
                + config.length
                + "},\"layers\":["
                + ls
                + "]}")
            .getBytes(UTF_8);
    return new Descriptor(MediaType.OCI_MANIFEST, store.content().put(m), m.length);
  }

  void unmountAll() throws IOException {
    for (Path m : mounted) {
      try {
        new ProcessBuilder("umount", m.toString()).inheritIO().start().waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
    mounted.clear();
  }

  interface Call {
    void run() throws IOException;
  }

  static void assertKind(Call call, ErrorKind kind, String messagePart) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(kind))
        .hasMessageContaining(messagePart);
  }
}
