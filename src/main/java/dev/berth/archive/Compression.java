package dev.berth.archive;

import com.github.luben.zstd.ZstdInputStream;
import dev.berth.image.MediaType;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Recognises gzip and zstd streams by their magic bytes. */
final class Compression {

  private Compression() {}

  static MediaType.Compression sniff(BufferedInputStream in) throws IOException {
    in.mark(4);
    byte[] head = in.readNBytes(4);
    in.reset();
    if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return MediaType.Compression.GZIP;
    }
    if (head.length == 4
        && (head[0] & 0xff) == 0x28
        && (head[1] & 0xff) == 0xb5
        && (head[2] & 0xff) == 0x2f
        && (head[3] & 0xff) == 0xfd) {
      return MediaType.Compression.ZSTD;
    }
    return MediaType.Compression.NONE;
  }

  static InputStream decompressed(BufferedInputStream in) throws IOException {
    return switch (sniff(in)) {
      case GZIP -> new GZIPInputStream(in, 64 * 1024);
      case ZSTD -> new ZstdInputStream(in);
      case NONE -> in;
    };
  }

  static String layerMediaType(MediaType.Compression c) {
    return switch (c) {
      case GZIP -> MediaType.OCI_LAYER_GZIP;
      case ZSTD -> MediaType.OCI_LAYER_ZSTD;
      case NONE -> MediaType.OCI_LAYER;
    };
  }
}
