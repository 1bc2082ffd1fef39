package dev.berth.layer;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import dev.berth.image.Digest;
import dev.berth.image.LayerCompression;
import dev.berth.image.MediaType;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

/**
 * Turns a layer blob of one form into another (an uncompressed local layer into the gzip blob a
 * registry gets, a gzip layer into zstd), and opens the compressors {@link LayerWriter} writes
 * through: the one place that knows how each form is made, so the same tar gives the same bytes
 * whichever path made them.
 */
public final class LayerCompressor {

  private LayerCompressor() {}

  /**
   * Reads a layer blob in whatever form it is (sniffed), writes it to {@code out} (left open) in
   * the target form, and returns the digests of what was read (its diff ID) and written.
   */
  public static LayerDigests recompress(InputStream stored, OutputStream out, LayerCompression to)
      throws IOException {
    MessageDigest blobHash = Digest.newSha256();
    Counting counted = new Counting(new DigestOutputStream(out, blobHash));
    MessageDigest diffHash = Digest.newSha256();
    OutputStream compressed = open(counted, to.compression(), to.effectiveLevel());
    try (InputStream tar = Compression.decompressed(stored)) {
      byte[] buf = new byte[128 * 1024];
      for (int n; (n = tar.read(buf)) >= 0; ) {
        diffHash.update(buf, 0, n);
        compressed.write(buf, 0, n);
      }
    }
    finish(compressed);
    counted.flush();
    return new LayerDigests(
        Digest.fromSha256(diffHash.digest()),
        Digest.fromSha256(blobHash.digest()),
        counted.count,
        Compression.layerMediaType(to.compression()));
  }

  /** A compressing stream over {@code out}; {@link #finish} ends it without closing {@code out}. */
  static OutputStream open(OutputStream out, MediaType.Compression compression, int level)
      throws IOException {
    return switch (compression) {
      case NONE -> out;
      case GZIP -> new GzipOutput(out, level);
      case ZSTD -> new ZstdOutputStreamNoFinalizer(nonClosing(out), level);
    };
  }

  /** Writes what {@link #open} buffered and the stream's trailer. */
  static void finish(OutputStream compressed) throws IOException {
    if (compressed instanceof GzipOutput gzip) {
      gzip.finish();
    } else if (compressed instanceof ZstdOutputStreamNoFinalizer zstd) {
      zstd.close();
    } else {
      compressed.flush();
    }
  }

  static OutputStream nonClosing(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    };
  }

  /** Counts what passes, so the blob's size is known without a second read. */
  static final class Counting extends FilterOutputStream {
    long count;

    Counting(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
