package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.diag.BerthException;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import dev.berth.image.Index;
import dev.berth.image.Platform;
import dev.berth.image.json.ImageJson;
import dev.berth.store.BlobInfo;
import dev.berth.store.Ref;
import dev.berth.store.Store;
import dev.berth.store.snapshot.SnapshotInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads are all-or-nothing, nested OCI indexes resolve to the host's manifest, a broken ref never
 * breaks listing, and {@code system check} finds and repairs broken blobs, refs and snapshots.
 */
class LoadAtomicityTest {

  @TempDir Path tmp;
  Berth berth;

  @BeforeEach
  void setUp() throws IOException {
    berth =
        Berth.fromEnvironment(Map.of("BERTH_SNAPSHOTTER", "copy"), Optional.of(tmp.resolve("s")));
  }

  private Path write(String name, Map<String, byte[]> entries) throws IOException {
    Path p = tmp.resolve(name);
    Files.write(p, ArchiveFuzzTest.tar(entries, new Random(0), null, false));
    return p;
  }

  private List<Digest> blobs() throws IOException {
    try (Store store = berth.openStore()) {
      return store.content().list().stream().map(BlobInfo::digest).toList();
    }
  }

  private List<String> snapshots() throws IOException {
    try (Store store = berth.openStore()) {
      return berth.snapshotter(store).list().stream().map(SnapshotInfo::name).toList();
    }
  }

  private Path blobFile(Digest d) {
    return tmp.resolve("s/blobs/sha256").resolve(d.hex());
  }

  @Test
  void aNestedIndexWithoutPlatformsLoadsTheHostsManifest() throws IOException {
    berth.images().load(write("oci.tar", ArchiveFuzzTest.ociLayout()));
    assertThat(berth.images().list().rows())
        .singleElement()
        .satisfies(r -> assertThat(r.repository()).isEqualTo("fuzz/oci"));
    assertThat(berth.images().check(false).problems()).isEmpty();
  }

  @Test
  void aNestedIndexWithNoManifestForThisPlatformIsRefusedAndRecordsNothing() throws IOException {
    Map<String, byte[]> layout = ArchiveFuzzTest.ociLayout();
    // Point the nested index's only entry at another platform.
    Map<String, byte[]> changed = new LinkedHashMap<>();
    String nestedName = null;
    byte[] nested = null;
    for (Map.Entry<String, byte[]> e : layout.entrySet()) {
      String text = new String(e.getValue(), StandardCharsets.UTF_8);
      if (e.getKey().startsWith("blobs/") && text.contains("\"manifests\"")) {
        Index idx = ImageJson.readIndex(e.getValue());
        Descriptor m = idx.manifests().get(0).withPlatform(Platform.of("linux", "s390x"));
        nested = ImageJson.writeIndex(Index.oci(List.of(m)));
        nestedName = "blobs/sha256/" + Digest.sha256(nested).hex();
        changed.put(nestedName, nested);
      } else {
        changed.put(e.getKey(), e.getValue());
      }
    }
    String oldIndex = new String(changed.get("index.json"), StandardCharsets.UTF_8);
    String digest = "sha256:" + nestedName.substring("blobs/sha256/".length());
    changed.put(
        "index.json",
        oldIndex
            .replaceAll("sha256:[0-9a-f]{64}", digest)
            .replaceAll("\"size\":\\d+", "\"size\":" + nested.length)
            .getBytes(StandardCharsets.UTF_8));
    Path bad = write("bad.tar", changed);
    BerthException e = catchThrowableOfType(() -> berth.images().load(bad), BerthException.class);
    assertThat(e).isNotNull();
    assertThat(e.kind().isInputError()).isTrue();
    assertThat(e.getMessage()).contains("has no manifest for").contains("linux/s390x");
    assertThat(berth.images().refs()).isEmpty();
    assertThat(blobs()).isEmpty();
  }

  @Test
  void aCorruptSecondLayerLeavesTheStoreAsItWas() throws IOException {
    berth.images().load(write("oci.tar", ArchiveFuzzTest.ociLayout()));
    List<Ref> refs = berth.images().refs();
    List<Digest> blobs = blobs();
    List<String> snaps = snapshots();
    Map<String, byte[]> archive = ArchiveFuzzTest.dockerArchive();
    byte[] l2 = archive.get("b/layer.tar").clone();
    l2[600] ^= 1; // inside the file's content
    archive.put("b/layer.tar", l2);
    BerthException e =
        catchThrowableOfType(
            () -> berth.images().load(write("bad.tar", archive)), BerthException.class);
    assertThat(e.kind().isInputError()).isTrue();
    assertThat(e.getMessage()).contains("layer 2 of 2");
    assertThat(berth.images().refs()).isEqualTo(refs);
    assertThat(blobs()).isEqualTo(blobs);
    assertThat(snapshots()).isEqualTo(snaps);
  }

  @Test
  void aLayerTheApplierRefusesAfterItsDiffIdMatchedRemovesTheFirstLayersSnapshotToo()
      throws IOException {
    // The second layer is honest about its digest but climbs out of the root.
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(b)) {
      TarArchiveEntry entry = new TarArchiveEntry("../../escape");
      entry.setSize(1);
      tar.putArchiveEntry(entry);
      tar.write('x');
      tar.closeArchiveEntry();
    }
    byte[] hostile = b.toByteArray();
    Map<String, byte[]> archive = ArchiveFuzzTest.dockerArchive();
    String configName = null;
    for (String k : archive.keySet()) {
      if (k.endsWith(".json") && !k.equals("manifest.json")) {
        configName = k;
      }
    }
    String cfg = new String(archive.remove(configName), StandardCharsets.UTF_8);
    String[] ids = cfg.replaceAll(".*\"diff_ids\":\\[([^]]*)].*", "$1").split(",");
    String newCfg = cfg.replace(ids[1], "\"" + Digest.sha256(hostile) + "\"");
    byte[] cfgBytes = newCfg.getBytes(StandardCharsets.UTF_8);
    String newName = Digest.sha256(cfgBytes).hex() + ".json";
    Map<String, byte[]> out = new LinkedHashMap<>();
    out.put(
        "manifest.json",
        new String(archive.get("manifest.json"), StandardCharsets.UTF_8)
            .replace(configName, newName)
            .getBytes(StandardCharsets.UTF_8));
    out.put(newName, cfgBytes);
    out.put("a/layer.tar", archive.get("a/layer.tar"));
    out.put("b/layer.tar", hostile);
    BerthException e =
        catchThrowableOfType(
            () -> berth.images().load(write("hostile.tar", out)), BerthException.class);
    assertThat(e).isNotNull();
    assertThat(e.kind().isInputError()).isTrue();
    assertThat(berth.images().refs()).isEmpty();
    assertThat(blobs()).isEmpty();
    assertThat(snapshots()).isEmpty();
  }

  @Test
  void aBrokenRefIsReportedListedPastRepairedAndRemovable() throws Exception {
    berth.images().load(write("oci.tar", ArchiveFuzzTest.ociLayout()));
    berth.images().load(write("docker.tar", ArchiveFuzzTest.dockerArchive()));
    berth.images().tag("fuzz/docker:1", "fuzz/docker:2");
    // Remove the docker image's config by hand.
    String configHex = null;
    for (String k : ArchiveFuzzTest.dockerArchive().keySet()) {
      if (k.endsWith(".json") && !k.equals("manifest.json")) {
        configHex = k.substring(0, 64);
      }
    }
    Files.delete(blobFile(new Digest("sha256", configHex)));

    ImageListing listing = berth.images().list();
    assertThat(listing.rows()).extracting(ImageRow::repository).containsExactly("fuzz/oci");
    assertThat(listing.broken()).hasSize(2);
    assertThat(listing.broken().get(0)).contains("fuzz/docker:1").contains("is broken");

    CheckReport report = berth.images().check(false);
    assertThat(report.sound()).isFalse();
    String missing = configHex;
    assertThat(report.problems())
        .extracting(CheckReport.Problem::line)
        .anySatisfy(l -> assertThat(l).startsWith("ref fuzz/docker:1:").contains(missing));

    assertThat(berth.images().remove(List.of("fuzz/docker:2"), false))
        .containsExactly("Untagged: fuzz/docker:2");
    CheckReport repaired = berth.images().check(true);
    assertThat(repaired.repaired()).contains("removed broken ref fuzz/docker:1");
    assertThat(berth.images().check(false).problems()).isEmpty();
    assertThat(berth.images().list().broken()).isEmpty();
  }

  @Test
  void checkFindsACorruptBlobAndATamperedSnapshotAndRepairRemovesThem() throws IOException {
    berth.images().load(write("docker.tar", ArchiveFuzzTest.dockerArchive()));
    berth.images().load(write("oci.tar", ArchiveFuzzTest.ociLayout()));
    CheckReport clean = berth.images().check(false);
    assertThat(clean.problems()).isEmpty();
    assertThat(clean.snapshots())
        .as("snapshots verified (as root they are unpacked)")
        .isEqualTo(snapshots().size());

    List<String> snaps = snapshots();
    boolean unpacked = !snaps.isEmpty();
    if (unpacked) {
      // Change a file in every snapshot that has it: the check skips the snapshots of a ref it
      // already found corrupt, so which snapshot is listed first must not matter.
      for (String snap : snaps) {
        Path fs =
            tmp.resolve("s/snapshots/copy").resolve(Digest.parse(snap).hex()).resolve("fs/bin/sh");
        if (Files.isRegularFile(fs)) {
          Files.writeString(fs, "trojan!");
        }
      }
    }
    // Corrupt the plain second layer of the docker image.
    Digest layer2 = Digest.sha256(ArchiveFuzzTest.dockerArchive().get("b/layer.tar"));
    byte[] bytes = Files.readAllBytes(blobFile(layer2));
    bytes[700] ^= 1;
    Files.write(blobFile(layer2), bytes);

    CheckReport found = berth.images().check(false);
    List<String> lines = new ArrayList<>();
    found.problems().forEach(p -> lines.add(p.line()));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("blob " + layer2 + ":"));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("ref fuzz/docker:1:"));
    if (unpacked) {
      assertThat(lines)
          .anySatisfy(
              l -> assertThat(l).startsWith("snapshot copy/").contains("/bin/sh: content differs"));
    }
    CheckReport repaired = berth.images().check(true);
    assertThat(repaired.sound()).isTrue();
    assertThat(repaired.repaired()).contains("removed corrupt blob " + layer2);
    CheckReport after = berth.images().check(false);
    assertThat(after.problems()).isEmpty();
    assertThat(berth.images().refs()).extracting(Ref::name).containsExactly("docker.io/fuzz/oci:1");
  }
}
