package dev.berth.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.image.MediaType.Compression;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverlayUpperTest {
  @TempDir Path tmp;

  @Test
  void overlayUpper_whiteoutDevicesAndOpaqueDirs_becomeOciMarkers() throws Exception {
    assumeTrue(
        Trees.isRoot(),
        "skipped: creating a 0/0 whiteout device and trusted.* attributes needs root");
    Path upper = Files.createDirectory(tmp.resolve("upper"));
    Files.createDirectories(upper.resolve("etc"));
    Files.writeString(upper.resolve("etc/new.conf"), "x\n");
    Trees.run(upper, "mknod", upper.resolve("etc/removed").toString(), "c", "0", "0");
    Files.createDirectories(upper.resolve("var/cache"));
    Files.writeString(upper.resolve("var/cache/fresh"), "y\n");
    Native.setXattr(
        upper.resolve("var/cache"),
        "trusted.overlay.opaque",
        "y".getBytes(StandardCharsets.US_ASCII));
    Files.writeString(upper.resolve("gone-too"), "");
    Native.setXattr(upper.resolve("gone-too"), "trusted.overlay.whiteout", new byte[0]);
    Native.setXattr(upper.resolve("etc/new.conf"), "trusted.overlay.origin", new byte[] {1, 2});

    List<TarEntry> entries = TreeScanner.scanOverlayUpper(upper);
    assertThat(entries)
        .extracting(TarEntry::name)
        .containsExactlyInAnyOrder(
            "etc",
            "etc/new.conf",
            "etc/.wh.removed",
            "var",
            "var/cache",
            "var/cache/.wh..wh..opq",
            "var/cache/fresh",
            ".wh.gone-too");
    assertThat(entries)
        .allSatisfy(
            e -> {
              assertThat(e.type()).isNotEqualTo(EntryType.CHAR_DEVICE);
              assertThat(e.xattrs().keySet()).noneMatch(k -> k.startsWith("trusted.overlay."));
            });

    // Applied over a lower tree, the layer removes and hides what the upper dir said.
    Path lower = Files.createDirectory(tmp.resolve("lower"));
    Files.createDirectories(lower.resolve("etc"));
    Files.writeString(lower.resolve("etc/removed"), "old\n");
    Files.createDirectories(lower.resolve("var/cache/old"));
    Files.writeString(lower.resolve("var/cache/old/f"), "old\n");
    Files.writeString(lower.resolve("gone-too"), "old\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new LayerWriter(LayerWriter.Options.of(Compression.GZIP)).writeOverlayUpper(upper, out);
    new LayerApplier().apply(new ByteArrayInputStream(out.toByteArray()), lower);
    assertThat(lower.resolve("etc/removed")).doesNotExist();
    assertThat(lower.resolve("gone-too")).doesNotExist();
    assertThat(lower.resolve("var/cache/old")).doesNotExist();
    assertThat(lower.resolve("var/cache/fresh")).hasContent("y");
    assertThat(lower.resolve("etc/new.conf")).hasContent("x");
    assertThat(Native.listXattrs(lower.resolve("var/cache")))
        .noneMatch(k -> k.startsWith("trusted.overlay."));
  }

  @Test
  void plainScan_keepsCharDevicesAsDevices() throws Exception {
    assumeTrue(Trees.isRoot(), "skipped: mknod of a character device needs root");
    Path dir = Files.createDirectory(tmp.resolve("dir"));
    Trees.run(dir, "mknod", dir.resolve("zero").toString(), "c", "0", "0");
    assertThat(TreeScanner.scan(dir))
        .singleElement()
        .satisfies(e -> assertThat(e.type()).isEqualTo(EntryType.CHAR_DEVICE));
  }
}
