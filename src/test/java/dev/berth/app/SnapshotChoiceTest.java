package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.MediaType;
import dev.berth.mount.MountSpec;
import dev.berth.store.Store;
import dev.berth.store.snapshot.CopySnapshotter;
import dev.berth.store.snapshot.OverlaySnapshotter;
import dev.berth.store.snapshot.Snapshotter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's snapshotters with the real layer applier wired in: a two-layer chain with deletions.
 */
class SnapshotChoiceTest {

  @TempDir Path tmp;

  private static byte[] tar(Map<String, String> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      for (Map.Entry<String, String> e : entries.entrySet()) {
        boolean dir = e.getKey().endsWith("/");
        TarArchiveEntry t = new TarArchiveEntry(e.getKey());
        byte[] data = dir ? new byte[0] : e.getValue().getBytes(StandardCharsets.UTF_8);
        t.setSize(data.length);
        tar.putArchiveEntry(t);
        tar.write(data);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  private record Chain(List<Descriptor> layers, List<Digest> diffIds) {}

  private static Chain chain(Store store) throws IOException {
    Map<String, String> l1 = new LinkedHashMap<>();
    l1.put("a/", "");
    l1.put("a/keep", "keep");
    l1.put("a/gone", "gone");
    l1.put("d/", "");
    l1.put("d/old", "old");
    Map<String, String> l2 = new LinkedHashMap<>();
    l2.put("a/.wh.gone", "");
    l2.put("d/", "");
    l2.put("d/.wh..wh..opq", "");
    l2.put("d/new", "new");
    List<Descriptor> layers = new ArrayList<>();
    List<Digest> diffIds = new ArrayList<>();
    for (Map<String, String> l : List.of(l1, l2)) {
      byte[] t = tar(l);
      Digest d = store.content().put(t);
      layers.add(new Descriptor(MediaType.OCI_LAYER, d, t.length));
      diffIds.add(d);
    }
    return new Chain(layers, diffIds);
  }

  private static void assertMerged(Path tree) {
    assertThat(tree.resolve("a/keep")).hasContent("keep");
    assertThat(tree.resolve("a/gone")).doesNotExist();
    assertThat(tree.resolve("d/old")).doesNotExist();
    assertThat(tree.resolve("d/new")).hasContent("new");
  }

  @Test
  void copySnapshotterGivesTheMergedTree() throws IOException {
    try (Store store = Store.open(tmp.resolve("store"))) {
      Chain c = chain(store);
      Snapshotter s = new CopySnapshotter(store, SnapshotChoice.unpacker());
      Digest top = s.unpackChain(c.layers(), c.diffIds()).orElseThrow();
      List<MountSpec> mounts = s.prepare("view", top.toString());
      assertThat(mounts).singleElement().satisfies(m -> assertMerged(Path.of(m.source())));
      s.remove("view");
    }
  }

  @Test
  void overlaySnapshotterGivesTheMergedTreeWhenMounted() throws Exception {
    boolean root =
        "0"
            .equals(
                new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes())
                    .trim());
    assumeTrue(root, "overlay mounts need root: skipped");
    assumeTrue(
        Files.readString(Path.of("/proc/filesystems")).contains("overlay"),
        "no overlay in this kernel: skipped");
    try (Store store = Store.open(tmp.resolve("store"))) {
      Chain c = chain(store);
      Snapshotter s = new OverlaySnapshotter(store, SnapshotChoice.unpacker());
      Digest top = s.unpackChain(c.layers(), c.diffIds()).orElseThrow();
      MountSpec m = s.prepare("view", top.toString()).get(0);
      assertThat(m.type()).isEqualTo("overlay");
      Path target = Files.createDirectories(tmp.resolve("mnt"));
      Process mount =
          new ProcessBuilder(
                  "mount", "-t", "overlay", "overlay", "-o", m.optionString(), target.toString())
              .redirectErrorStream(true)
              .start();
      assertThat(mount.waitFor()).as(new String(mount.getInputStream().readAllBytes())).isZero();
      try {
        assertMerged(target);
      } finally {
        new ProcessBuilder("umount", target.toString()).start().waitFor();
      }
      s.remove("view");
    }
  }
}
