package dev.berth.layer;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import dev.berth.image.MediaType;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Recognises gzip and zstd streams (and, for ADD archives, bzip2 and xz) by their magic bytes: the
 * one place berth sniffs them.
 */
public final class Compression {

  private Compression() {}

  /** What {@code in} holds, read from its first bytes; the stream is left where it was. */
  public static MediaType.Compression sniff(BufferedInputStream in) throws IOException {
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

  /** The uncompressed content of {@code in}, whichever of the three forms it has. */
  public static InputStream decompressed(BufferedInputStream in) throws IOException {
    return switch (sniff(in)) {
      case GZIP -> new BufferedInputStream(new GZIPInputStream(in, 64 * 1024), 64 * 1024);
      case ZSTD -> new BufferedInputStream(new ZstdInputStreamNoFinalizer(in), 64 * 1024);
      case NONE -> in;
    };
  }

  /** The same for a stream that is not buffered yet. */
  public static InputStream decompressed(InputStream raw) throws IOException {
    return decompressed(new BufferedInputStream(raw, 64 * 1024));
  }

  /**
   * The content of a local archive that ADD may unpack: besides the layer forms, bzip2 and xz, as
   * docker's archive reader detects them by their first bytes.
   */
  public static InputStream decompressedArchive(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
    in.mark(6);
    byte[] head = in.readNBytes(6);
    in.reset();
    if (head.length >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') {
      return new BufferedInputStream(new BZip2CompressorInputStream(in, true), 64 * 1024);
    }
    if (head.length == 6
        && (head[0] & 0xff) == 0xfd
        && head[1] == '7'
        && head[2] == 'z'
        && head[3] == 'X'
        && head[4] == 'Z'
        && head[5] == 0) {
      return new BufferedInputStream(new XZCompressorInputStream(in, true), 64 * 1024);
    }
    return decompressed(in);
  }

  public static String layerMediaType(MediaType.Compression c) {
    return switch (c) {
      case GZIP -> MediaType.OCI_LAYER_GZIP;
      case ZSTD -> MediaType.OCI_LAYER_ZSTD;
      case NONE -> MediaType.OCI_LAYER;
    };
  }
}
