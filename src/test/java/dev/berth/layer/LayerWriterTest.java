package dev.berth.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.image.Digest;
import dev.berth.image.MediaType;
import dev.berth.image.MediaType.Compression;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerWriterTest {
  @TempDir Path tmp;
  Path src;
  boolean xattrs;

  @BeforeEach
  void setUp() throws IOException {
    src = tmp.resolve("src");
    xattrs = Fixture.build(src);
  }

  private byte[] write(LayerWriter.Options options) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new LayerWriter(options).writeTree(src, List.of(), out);
    return out.toByteArray();
  }

  @Test
  void write_sameTreeTwice_givesSameBytes() throws IOException {
    for (Compression c : Compression.values()) {
      assertThat(write(LayerWriter.Options.of(c)))
          .as(c.name())
          .isEqualTo(write(LayerWriter.Options.of(c)));
    }
  }

  @Test
  void write_afterReadingFilesAndChangingAtimes_givesSameBytes() throws IOException {
    byte[] before = write(LayerWriter.Options.of(Compression.GZIP));
    Files.readAllBytes(src.resolve("etc/hosts"));
    Files.setAttribute(src.resolve("etc/hosts"), "lastAccessTime", FileTime.fromMillis(42_000));
    Files.setAttribute(src.resolve("usr/bin/tool"), "lastAccessTime", FileTime.fromMillis(7_000));
    assertThat(write(LayerWriter.Options.of(Compression.GZIP))).isEqualTo(before);
  }

  @Test
  void write_subSecondMtimeChange_givesSameBytes() throws IOException {
    byte[] before = write(LayerWriter.Options.of(Compression.NONE));
    Files.setLastModifiedTime(src.resolve("etc/hosts"), FileTime.fromMillis(1_600_000_000_999L));
    assertThat(write(LayerWriter.Options.of(Compression.NONE))).isEqualTo(before);
  }

  @Test
  void write_withClamp_mtimesAfterTheEpochDoNotMatter() throws IOException {
    LayerWriter.Options clamped =
        LayerWriter.Options.of(Compression.GZIP).withClamp(1_000_000_000L);
    byte[] before = write(clamped);
    Fixture.setTimes(src, 1_700_000_000L);
    assertThat(write(clamped)).isEqualTo(before);
    assertThat(write(LayerWriter.Options.of(Compression.GZIP)))
        .as("without the clamp the new times show")
        .isNotEqualTo(before);
  }

  @Test
  void write_contentChange_changesDigests() throws IOException {
    byte[] before = write(LayerWriter.Options.of(Compression.NONE));
    Files.writeString(src.resolve("etc/hosts"), "127.0.0.1 other\n");
    Fixture.setTimes(src, 1_600_000_000L);
    assertThat(write(LayerWriter.Options.of(Compression.NONE))).isNotEqualTo(before);
  }

  @Test
  void write_gzip_digestsMatchTheBytesAndGzipDecodesIt() throws Exception {
    Path blob = tmp.resolve("layer.tar.gz");
    LayerDigests d;
    try (var out = Files.newOutputStream(blob)) {
      d = new LayerWriter(LayerWriter.Options.of(Compression.GZIP)).writeTree(src, List.of(), out);
    }
    assertThat(d.mediaType()).isEqualTo(MediaType.OCI_LAYER_GZIP);
    assertThat(d.blobSize()).isEqualTo(Files.size(blob));
    assertThat(d.blobDigest()).isEqualTo(Digest.sha256(Files.readAllBytes(blob)));
    byte[] header = Arrays.copyOf(Files.readAllBytes(blob), 10);
    assertThat(header).containsExactly(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff);

    Trees.run(tmp, "gzip", "-d", "-k", blob.toString());
    Path tar = tmp.resolve("layer.tar");
    assertThat(Digest.sha256(Files.readAllBytes(tar))).isEqualTo(d.diffId());
    byte[] plain = write(LayerWriter.Options.of(Compression.NONE));
    assertThat(Files.readAllBytes(tar)).isEqualTo(plain);
  }

  @Test
  void write_zstd_zstdDecodesItToTheDiffId() throws Exception {
    Path blob = tmp.resolve("layer.tar.zst");
    LayerDigests d;
    try (var out = Files.newOutputStream(blob)) {
      d = new LayerWriter(LayerWriter.Options.of(Compression.ZSTD)).writeTree(src, List.of(), out);
    }
    assertThat(d.mediaType()).isEqualTo(MediaType.OCI_LAYER_ZSTD);
    assertThat(d.blobDigest()).isEqualTo(Digest.sha256(Files.readAllBytes(blob)));
    Trees.run(tmp, "zstd", "-q", "-d", blob.toString(), "-o", tmp.resolve("z.tar").toString());
    assertThat(Digest.sha256(Files.readAllBytes(tmp.resolve("z.tar")))).isEqualTo(d.diffId());
  }

  @Test
  void gnuTar_extractsOurLayer_toTheSameTree() throws Exception {
    Path blob = tmp.resolve("layer.tar.gz");
    try (var out = Files.newOutputStream(blob)) {
      new LayerWriter(LayerWriter.Options.of(Compression.GZIP)).writeTree(src, List.of(), out);
    }
    Path dst = Files.createDirectory(tmp.resolve("dst"));
    String listing = Trees.run(tmp, "tar", "-tvzf", blob.toString());
    assertThat(listing).contains("usr/bin/tool-alias link to usr/bin/tool");
    Trees.run(
        dst,
        "tar",
        "-xzf",
        blob.toString(),
        "--xattrs",
        "--xattrs-include=*",
        "-C",
        dst.toString());
    Map<String, String> expected = Trees.describe(src, Trees.isRoot());
    assertThat(Trees.describe(dst, Trees.isRoot())).isEqualTo(expected);
    if (xattrs) {
      assertThat(Native.getXattr(dst.resolve("etc/app/config"), "user.berth.test"))
          .contains(Fixture.USER_VALUE);
    }
  }

  @Test
  void write_hardLinks_pointAtTheFirstNameInTarOrder() throws IOException {
    List<TarEntry> entries = TreeScanner.scan(src);
    TarEntry alias =
        entries.stream()
            .filter(e -> e.name().equals("usr/bin/tool-alias"))
            .findFirst()
            .orElseThrow();
    assertThat(alias.type()).isEqualTo(EntryType.HARDLINK);
    assertThat(alias.linkName()).isEqualTo("usr/bin/tool");
    TarEntry tool =
        entries.stream().filter(e -> e.name().equals("usr/bin/tool")).findFirst().orElseThrow();
    assertThat(tool.type()).isEqualTo(EntryType.FILE);
    assertThat(tool.mode()).isEqualTo(04755);
  }

  @Test
  void write_binaryXattrs_areWrittenAsRawPaxBytes() throws IOException {
    assumeTrue(xattrs, "this file system does not take user.* extended attributes");
    byte[] tar = write(LayerWriter.Options.of(Compression.NONE));
    byte[] record = ("SCHILY.xattr.user.berth.test=").getBytes(StandardCharsets.UTF_8);
    int at = indexOf(tar, record);
    assertThat(at).isPositive();
    assertThat(
            Arrays.copyOfRange(
                tar, at + record.length, at + record.length + Fixture.USER_VALUE.length))
        .isEqualTo(Fixture.USER_VALUE);
    if (Trees.isRoot()) {
      byte[] cap = "SCHILY.xattr.security.capability=".getBytes(StandardCharsets.UTF_8);
      int c = indexOf(tar, cap);
      assertThat(
              Arrays.copyOfRange(tar, c + cap.length, c + cap.length + Fixture.CAPABILITY.length))
          .isEqualTo(Fixture.CAPABILITY);
    }
  }

  @Test
  void write_explicitWhiteoutsAndDuplicateNames() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LayerWriter w = new LayerWriter(LayerWriter.Options.of(Compression.NONE));
    w.writeTree(src, List.of(TarEntry.whiteout("etc/gone"), TarEntry.opaque("usr")), out);
    String tar = new String(out.toByteArray(), StandardCharsets.ISO_8859_1);
    assertThat(tar).contains("etc/.wh.gone").contains("usr/.wh..wh..opq");
    assertThatThrownBy(
            () -> w.writeTree(src, List.of(TarEntry.directory("etc", 0755, 0, 0, 0)), out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("etc");
  }

  @Test
  void write_entriesAreSortedByNameBytes() throws IOException {
    List<TarEntry> entries =
        List.of(
            TarEntry.directory("a", 0755, 0, 0, 0),
            TarEntry.directory("a/x", 0755, 0, 0, 0),
            TarEntry.directory("a-b", 0755, 0, 0, 0),
            TarEntry.directory("B", 0755, 0, 0, 0));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new LayerWriter(LayerWriter.Options.of(Compression.NONE)).write(entries, out);
    byte[] tar = out.toByteArray();
    assertThat(tar.length).isEqualTo(4 * 512 + 1024);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      names.add(new String(tar, i * 512, 100, StandardCharsets.UTF_8).replace("\0", ""));
    }
    assertThat(names).containsExactly("B/", "a/", "a-b/", "a/x/");
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static boolean exists(Path p) {
    return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
  }
}
