package dev.berth.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.diag.BerthException;
import dev.berth.image.Digest;
import dev.berth.image.MediaType.Compression;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerApplierTest {
  @TempDir Path tmp;
  Path root;
  Path outside;

  @BeforeEach
  void setUp() throws IOException {
    root = Files.createDirectory(tmp.resolve("root"));
    outside = Files.createDirectory(tmp.resolve("outside"));
    Files.writeString(outside.resolve("passwd"), "secret\n");
  }

  private static byte[] tar(Object... args) throws IOException {
    return Tars.tar(args);
  }

  private static Object[] file(String name, String content) {
    return Tars.file(name, content);
  }

  private ApplyResult apply(byte[] layer) throws IOException {
    return new LayerApplier().apply(new ByteArrayInputStream(layer), root);
  }

  private void assertRefused(byte[] layer, String entry) {
    assertThatThrownBy(() -> apply(layer))
        .matches(t -> t instanceof BerthException b && b.code().equals(LayerErrors.UNSAFE_ENTRY))
        .hasMessageContaining("'" + entry + "'");
  }

  private void assertOutsideUntouched() throws IOException {
    try (var s = Files.list(outside)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("passwd");
    }
    assertThat(Files.readString(outside.resolve("passwd"))).isEqualTo("secret\n");
  }

  @Test
  void apply_pathTraversal_isRefused() throws IOException {
    root = Files.createDirectories(tmp.resolve("a/b/root"));
    assertRefused(tar(file("../../outside/x", "pwned")), "../../outside/x");
    assertRefused(tar(file("ok/../../../outside/x", "pwned")), "ok/../../../outside/x");
    assertOutsideUntouched();
  }

  @Test
  void apply_absoluteName_landsInsideTheRoot() throws IOException {
    apply(tar(file("/etc/x", "inside")));
    assertThat(Files.readString(root.resolve("etc/x"))).isEqualTo("inside");
  }

  @Test
  void apply_dotDotThatStaysInside_isCleaned() throws IOException {
    apply(tar(file("a/../b", "fine")));
    assertThat(Files.readString(root.resolve("b"))).isEqualTo("fine");
  }

  @Test
  void apply_symlinkToSlashThenAFileThroughIt_landsInsideTheRoot() throws IOException {
    String name = "berth-" + tmp.getFileName();
    apply(tar("evil", TarConstants.LF_SYMLINK, "/", file("evil/tmp/" + name, "inside")));
    assertThat(Files.readString(root.resolve("tmp/" + name))).isEqualTo("inside");
    assertThat(Files.isSymbolicLink(root.resolve("evil"))).isTrue();
    assertThat(Path.of("/tmp", name)).doesNotExist();
  }

  @Test
  void apply_relativeSymlinkOutOfTheRoot_isClampedAtTheRoot() throws IOException {
    // root is tmp/root, so ../outside would be tmp/outside; at the root '..' stays at the root.
    apply(
        tar(
            "evil",
            TarConstants.LF_SYMLINK,
            "../outside",
            "evil/x",
            TarConstants.LF_NORMAL,
            "inside"));
    assertThat(Files.readString(root.resolve("outside/x"))).isEqualTo("inside");
    assertOutsideUntouched();
  }

  @Test
  void apply_dotDotsClimbingFarAboveTheRoot_stayAtTheRoot() throws IOException {
    apply(
        tar(
            file("a/keep", "1"),
            "a/up",
            TarConstants.LF_SYMLINK,
            "../../../../..",
            file("a/up/outside/x", "inside"),
            file("a/up/a/y", "also inside")));
    assertThat(Files.readString(root.resolve("outside/x"))).isEqualTo("inside");
    assertThat(Files.readString(root.resolve("a/y"))).isEqualTo("also inside");
    assertOutsideUntouched();
  }

  @Test
  void apply_absoluteSymlinkPlantedInALowerLayer_isResolvedInsideTheRoot() throws IOException {
    apply(
        tar(
            "usr",
            TarConstants.LF_DIR,
            "",
            "usr/lib",
            TarConstants.LF_SYMLINK,
            outside.toString()));
    apply(tar(file("usr/lib/libc.so", "inside")));
    assertThat(
            Files.readString(root.resolve(root.getRoot().relativize(outside)).resolve("libc.so")))
        .isEqualTo("inside");
    assertOutsideUntouched();
  }

  @Test
  void apply_varRunToSlashRun_leadsToTheRootsRun() throws IOException {
    apply(
        tar(
            "var",
            TarConstants.LF_DIR,
            "",
            "run",
            TarConstants.LF_DIR,
            "",
            "var/run",
            TarConstants.LF_SYMLINK,
            "/run"));
    apply(tar(file("var/run/berth.pid", "42")));
    assertThat(Files.readString(root.resolve("run/berth.pid"))).isEqualTo("42");
    assertThat(Files.isSymbolicLink(root.resolve("var/run"))).isTrue();
    // A missing target directory is created inside the root.
    apply(tar("var/lock", TarConstants.LF_SYMLINK, "/run/lock", file("var/lock/a.lock", "")));
    assertThat(root.resolve("run/lock/a.lock")).isRegularFile();
  }

  @Test
  void apply_chainOfLinks_isFollowedLinkByLink() throws IOException {
    apply(
        tar(
            "real",
            TarConstants.LF_DIR,
            "",
            "a",
            TarConstants.LF_SYMLINK,
            "b", // relative
            "b",
            TarConstants.LF_SYMLINK,
            "/c/../d", // absolute, with '..'
            "d",
            TarConstants.LF_SYMLINK,
            "x/../../real", // climbs from the root, clamped
            "x",
            TarConstants.LF_DIR,
            "",
            file("a/f", "through three links")));
    assertThat(Files.readString(root.resolve("real/f"))).isEqualTo("through three links");
    assertThat(root.resolve("c")).doesNotExist();
    assertOutsideUntouched();
  }

  @Test
  void apply_symlinkLoop_isRefusedAfterFortyLinks() throws IOException {
    assertRefused(
        tar("a", TarConstants.LF_SYMLINK, "b", "b", TarConstants.LF_SYMLINK, "/a", file("a/x", "")),
        "a/x");
    // A chain of exactly 40 links is still followed.
    List<Object> entries = new ArrayList<>(List.of("end", TarConstants.LF_DIR, ""));
    for (int i = 0; i < SafeRoot.MAX_LINKS; i++) {
      entries.addAll(
          List.of(
              "l" + i,
              TarConstants.LF_SYMLINK,
              i == SafeRoot.MAX_LINKS - 1 ? "end" : "l" + (i + 1)));
    }
    entries.addAll(Arrays.asList(file("l0/f", "ok")));
    apply(tar(entries.toArray()));
    assertThat(root.resolve("end/f")).hasContent("ok");
    assertRefused(tar("l-1", TarConstants.LF_SYMLINK, "l0", file("l-1/g", "")), "l-1/g");
  }

  @Test
  void apply_relativeSymlinkInsideTheRoot_isFollowed() throws IOException {
    apply(tar("usr/lib", TarConstants.LF_DIR, "", "lib", TarConstants.LF_SYMLINK, "usr/lib"));
    apply(tar(file("lib/libc.so", "code")));
    assertThat(Files.readString(root.resolve("usr/lib/libc.so"))).isEqualTo("code");
    assertThat(Files.isSymbolicLink(root.resolve("lib"))).isTrue();
  }

  @Test
  void apply_fileOverASymlink_replacesTheLinkNotItsTarget() throws IOException {
    apply(tar("passwd", TarConstants.LF_SYMLINK, outside.resolve("passwd").toString()));
    apply(tar(file("passwd", "replaced")));
    assertThat(Files.isSymbolicLink(root.resolve("passwd"))).isFalse();
    assertThat(Files.readString(root.resolve("passwd"))).isEqualTo("replaced");
    assertOutsideUntouched();
  }

  @Test
  void apply_hardLinkToOutside_isRefused() throws IOException {
    assertRefused(tar("x", TarConstants.LF_LINK, "../outside/passwd"), "x");
    assertThatThrownBy(() -> apply(tar("x", TarConstants.LF_LINK, "/etc/passwd")))
        .matches(LayerErrors::isLayerError)
        .hasMessageContaining("'x'")
        .hasMessageContaining("does not exist");
    // Through an absolute symlink the target is looked up inside the root, where it is missing.
    apply(tar("l", TarConstants.LF_SYMLINK, outside.toString()));
    assertThatThrownBy(() -> apply(tar("y", TarConstants.LF_LINK, "l/passwd")))
        .matches(LayerErrors::isLayerError)
        .hasMessageContaining("'y'")
        .hasMessageContaining("does not exist");
    assertThat(root.resolve("y")).doesNotExist();
    assertThat(Files.getAttribute(outside.resolve("passwd"), "unix:nlink")).isEqualTo(1);
  }

  @Test
  void apply_whiteoutOfDotDot_isRefused() throws IOException {
    Files.createDirectories(root.resolve("d"));
    assertRefused(tar(file("d/.wh...", "")), "d/.wh...");
    assertRefused(tar(file("d/.wh..", "")), "d/.wh..");
    assertRefused(tar(file(".wh...", "")), ".wh...");
    assertThat(root.resolve("d")).isDirectory();
    assertOutsideUntouched();
  }

  @Test
  void apply_whiteoutThroughAnEscapingSymlink_staysInsideTheRoot() throws IOException {
    apply(tar("l", TarConstants.LF_SYMLINK, "../outside", file("outside/passwd", "inside")));
    apply(tar(file("l/.wh.passwd", "")));
    assertThat(root.resolve("outside/passwd")).doesNotExist();
    assertThat(root.resolve("outside")).isDirectory();
    assertOutsideUntouched();
  }

  @Test
  void apply_whiteoutsAndOpaqueDirectories() throws IOException {
    apply(
        tar(
            file("a/keep", "1"),
            file("a/gone", "2"),
            file("a/sub/deep", "3"),
            file("o/old1", "4"),
            file("o/sub/old2", "5")));
    apply(
        tar(
            file("a/.wh.gone", ""),
            file("a/.wh.sub", ""),
            file("a/.wh.missing", ""),
            file("o/.wh..wh..opq", ""),
            file("o/new", "6"),
            file("o/sub/new2", "7")));
    assertThat(Files.exists(root.resolve("a/gone"))).isFalse();
    assertThat(Files.exists(root.resolve("a/sub"))).isFalse();
    assertThat(Files.readString(root.resolve("a/keep"))).isEqualTo("1");
    assertThat(Files.exists(root.resolve("o/old1"))).isFalse();
    assertThat(Files.exists(root.resolve("o/sub/old2"))).isFalse();
    assertThat(Files.readString(root.resolve("o/new"))).isEqualTo("6");
    assertThat(Files.readString(root.resolve("o/sub/new2"))).isEqualTo("7");
  }

  @Test
  void apply_opaqueMarkerAfterTheLayersOwnFiles_keepsThem() throws IOException {
    apply(tar(file("o/old", "1")));
    // "-new" sorts before ".wh..wh..opq", so this layer's file comes first.
    apply(tar(file("o/-new", "2"), file("o/.wh..wh..opq", "")));
    assertThat(Files.readString(root.resolve("o/-new"))).isEqualTo("2");
    assertThat(Files.exists(root.resolve("o/old"))).isFalse();
  }

  @Test
  void apply_opaqueMarkerAfterTheLayersOwnFilesInAnOldSubdir_keepsThem() throws IOException {
    apply(tar(file("o/sub/old", "1"), file("o/gone", "2")));
    apply(tar(file("o/sub/new", "3"), file("o/.wh..wh..opq", "")));
    assertThat(root.resolve("o/sub/new")).hasContent("3");
    assertThat(root.resolve("o/sub/old")).doesNotExist();
    assertThat(root.resolve("o/gone")).doesNotExist();
  }

  @Test
  void apply_overlaysOwnAttributesInALayer_areIgnored() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new LayerWriter(LayerWriter.Options.of(Compression.NONE))
        .write(
            List.of(
                TarEntry.directory("d", 0755, 0, 0, 0)
                    .withXattrs(
                        Map.of(
                            "trusted.overlay.opaque",
                            new byte[] {'y'},
                            "trusted.overlay.redirect",
                            new byte[] {'/'}))),
            out);
    ApplyResult r = apply(out.toByteArray());
    assertThat(r.warnings())
        .hasSize(2)
        .allSatisfy(w -> assertThat(w).contains("ignored trusted.overlay."));
    assertThat(Native.listXattrs(root.resolve("d")))
        .noneMatch(x -> x.startsWith("trusted.overlay."));
  }

  @Test
  void apply_whiteoutDoesNotRemoveWhatTheSameLayerAdded() throws IOException {
    apply(tar(file("-x", "mine"), file(".wh.-x", "")));
    assertThat(Files.readString(root.resolve("-x"))).isEqualTo("mine");
  }

  @Test
  void apply_truncatedGzip_failsSayingSo() throws IOException {
    byte[] layer = gzip(tar(file("a", "x".repeat(100_000)), file("b", "y")));
    byte[] cut = Arrays.copyOf(layer, layer.length - 20);
    assertThatThrownBy(() -> apply(cut))
        .matches(LayerErrors::isLayerError)
        .hasMessageContaining("truncated");
  }

  @Test
  void apply_truncatedTar_failsSayingSo() throws IOException {
    byte[] layer = tar(file("a", "x".repeat(10_000)));
    byte[] cut = Arrays.copyOf(layer, 512 + 4096);
    assertThatThrownBy(() -> apply(cut))
        .matches(LayerErrors::isLayerError)
        .hasMessageContaining("truncated")
        .hasMessageContaining("'a'");
  }

  @Test
  void apply_corruptHeader_failsOnTheChecksum() throws IOException {
    byte[] layer = tar(file("a", "x"), file("b", "y"));
    layer[1024 + 10] ^= 0x5a; // inside the second header's name
    assertThatThrownBy(() -> apply(layer))
        .matches(LayerErrors::isLayerError)
        .hasMessageContaining("corrupt")
        .hasMessageContaining("checksum");
  }

  @Test
  void apply_corruptGzipTrailer_fails() throws IOException {
    byte[] layer = gzip(tar(file("a", "x")));
    layer[layer.length - 6] ^= 1; // the CRC
    assertThatThrownBy(() -> apply(layer)).matches(LayerErrors::isLayerError);
  }

  @Test
  void apply_reportsTheDiffIdOfTheUncompressedTar() throws IOException {
    byte[] plain = tar(file("a", "x"));
    assertThat(apply(gzip(plain)).diffId()).isEqualTo(Digest.sha256(plain));
  }

  @Test
  void apply_ourOwnLayer_reproducesTheTree() throws IOException {
    Path src = tmp.resolve("src");
    Fixture.build(src);
    for (Compression c : Compression.values()) {
      Path dst = Files.createDirectory(tmp.resolve("dst-" + c));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      LayerDigests d = new LayerWriter(LayerWriter.Options.of(c)).writeTree(src, List.of(), out);
      ApplyResult r = new LayerApplier().apply(new ByteArrayInputStream(out.toByteArray()), dst);
      assertThat(r.diffId()).isEqualTo(d.diffId());
      assertThat(Trees.describe(dst, Trees.isRoot()))
          .as(c.name())
          .isEqualTo(Trees.describe(src, Trees.isRoot()));
    }
  }

  @Test
  void apply_binaryXattrs_roundTrip() throws IOException {
    Path src = tmp.resolve("src");
    boolean xattrs = Fixture.build(src);
    assumeTrue(xattrs, "this file system does not take user.* extended attributes");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new LayerWriter(LayerWriter.Options.of(Compression.GZIP)).writeTree(src, List.of(), out);
    apply(out.toByteArray());
    assertThat(Native.getXattr(root.resolve("etc/app/config"), "user.berth.test"))
        .contains(Fixture.USER_VALUE);
    if (Trees.isRoot()) {
      assertThat(Native.getXattr(root.resolve("usr/bin/tool"), "security.capability"))
          .contains(Fixture.CAPABILITY);
    }
  }

  @Test
  void apply_hardLinks_shareAnInode() throws IOException {
    apply(
        tar(
            file("bin/a", "same"),
            "bin/b",
            TarConstants.LF_LINK,
            "bin/a",
            "c",
            TarConstants.LF_LINK,
            "/bin/a"));
    Object inode = Files.getAttribute(root.resolve("bin/a"), "unix:ino");
    assertThat(Files.getAttribute(root.resolve("bin/b"), "unix:ino")).isEqualTo(inode);
    assertThat(Files.getAttribute(root.resolve("c"), "unix:ino")).isEqualTo(inode);
    assertThat(Files.getAttribute(root.resolve("bin/a"), "unix:nlink")).isEqualTo(3);
  }

  @Test
  void apply_devicesWithoutRoot_areSkippedWithAWarning() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new LayerWriter(LayerWriter.Options.of(Compression.NONE))
        .write(
            List.of(
                new TarEntry(
                    "dev/null",
                    EntryType.CHAR_DEVICE,
                    0666,
                    0,
                    0,
                    0,
                    0,
                    "",
                    1,
                    3,
                    Map.of(),
                    Optional.empty())),
            out);
    ApplyResult r =
        new LayerApplier(false).apply(new ByteArrayInputStream(out.toByteArray()), root);
    assertThat(r.warnings()).singleElement().asString().contains("dev/null");
    assertThat(Files.exists(root.resolve("dev/null"), LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void apply_gnuTarPaxArchive_reproducesTheTree() throws Exception {
    Path src = tmp.resolve("src");
    Fixture.build(src);
    Path archive = tmp.resolve("gnu.tar");
    Trees.run(
        tmp,
        "tar",
        "--format=pax",
        "--xattrs",
        "--xattrs-include=*",
        "-cf",
        archive.toString(),
        "-C",
        src.toString(),
        ".");
    Fixture.setTimes(src, 1_600_000_000L);
    new LayerApplier().apply(archive, root);
    assertThat(Trees.describe(root, Trees.isRoot())).isEqualTo(Trees.describe(src, Trees.isRoot()));
  }

  @Test
  void apply_modesIncludingSetuidAndSticky() throws IOException {
    Path src = tmp.resolve("src");
    Fixture.build(src);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new LayerWriter(LayerWriter.Options.of(Compression.NONE)).writeTree(src, List.of(), out);
    apply(out.toByteArray());
    assertThat((Integer) Files.getAttribute(root.resolve("usr/bin/tool"), "unix:mode") & 07777)
        .isEqualTo(04755);
    assertThat((Integer) Files.getAttribute(root.resolve("tmp"), "unix:mode") & 07777)
        .isEqualTo(01777);
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(buf)) {
      g.write(data);
    }
    return buf.toByteArray();
  }
}
