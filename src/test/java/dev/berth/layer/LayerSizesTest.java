package dev.berth.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

class LayerSizesTest {

  /** A layer of every entry type docker's size treats differently. */
  private static byte[] layer() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      TarArchiveEntry dir = new TarArchiveEntry("data/");
      tar.putArchiveEntry(dir);
      tar.closeArchiveEntry();
      file(tar, "data/a.txt", "hello\n"); // 6
      file(tar, "data/b.bin", "x".repeat(1000)); // 1000
      TarArchiveEntry link = new TarArchiveEntry("data/link", TarConstants.LF_SYMLINK);
      link.setLinkName("/data/a.txt"); // 11
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
      TarArchiveEntry hard = new TarArchiveEntry("data/hard", TarConstants.LF_LINK);
      hard.setLinkName("data/b.bin"); // the same inode: nothing more
      tar.putArchiveEntry(hard);
      tar.closeArchiveEntry();
      file(tar, "data/.wh.gone", ""); // a whiteout
      TarArchiveEntry fifo = new TarArchiveEntry("data/fifo", TarConstants.LF_FIFO);
      tar.putArchiveEntry(fifo);
      tar.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }

  private static void file(TarArchiveOutputStream tar, String name, String content)
      throws IOException {
    byte[] b = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(b.length);
    tar.putArchiveEntry(e);
    tar.write(b);
    tar.closeArchiveEntry();
  }

  @Test
  void countsFilesAndLinkTargetsOnceAndNothingElse() throws IOException {
    assertThat(LayerSizes.unpacked(new ByteArrayInputStream(layer()))).isEqualTo(6 + 1000 + 11);
  }

  @Test
  void readsGzippedLayersAlike() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(layer());
    }
    assertThat(LayerSizes.unpacked(new ByteArrayInputStream(gz.toByteArray())))
        .isEqualTo(6 + 1000 + 11);
  }

  @Test
  void anEmptyLayerTakesNothing() throws IOException {
    assertThat(LayerSizes.unpacked(new ByteArrayInputStream(new byte[1024]))).isZero();
  }
}
