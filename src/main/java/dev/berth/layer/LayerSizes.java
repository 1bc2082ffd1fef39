package dev.berth.layer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * How much a layer takes once unpacked, counted as docker counts a layer's SIZE (the size of its
 * diff directory): regular files by their length and symbolic links by their target's length, a
 * hard link not again, directories, devices and whiteouts nothing.
 */
public final class LayerSizes {

  private LayerSizes() {}

  /** The unpacked size of a layer blob, compressed (gzip, zstd) or plain. */
  public static long unpacked(InputStream blob) throws IOException {
    TarReader tar = new TarReader(Compression.decompressed(blob));
    long total = 0;
    for (Optional<TarReader.Header> h = tar.next(); h.isPresent(); h = tar.next()) {
      TarReader.Header e = h.get();
      switch (e.type()) {
        case '0', '\0', '7' -> total += e.size();
        case '2' -> total += e.linkName().getBytes(StandardCharsets.UTF_8).length;
        default -> {
          // directories, hard links (the same inode), devices and FIFOs take no bytes
        }
      }
    }
    return total;
  }
}
