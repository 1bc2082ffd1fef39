package dev.berth.layer;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import dev.berth.image.Digest;
import dev.berth.image.LayerCompression;
import dev.berth.image.MediaType;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Turns a layer blob of one form into another (an uncompressed local layer into the gzip blob a
 * registry gets, a gzip layer into zstd), and opens the compressors {@link LayerWriter} writes
 * through: the one place that knows how each form is made, so the same tar gives the same bytes
 * whichever path made them.
 */
public final class LayerCompressor {

  private LayerCompressor() {}

  /** What {@link #recompress} wrote: its size, and the diff ID of what it read, when asked. */
  public record Recompressed(Optional<Digest> diffId, long size) {}

  /**
   * Reads a layer blob in whatever form it is (sniffed) and writes it to {@code out} (left open) in
   * the target form. The caller hashes what is written (the store's writer does as it ingests), so
   * this hashes only what it reads, and only with {@code hashDiffId}: an uncompressed source is its
   * own diff ID, checked when it was stored.
   */
  public static Recompressed recompress(
      InputStream stored, OutputStream out, LayerCompression to, boolean hashDiffId)
      throws IOException {
    Counting counted = new Counting(out);
    MessageDigest diffHash = hashDiffId ? Digest.newSha256() : null;
    OutputStream compressed = open(counted, to.compression(), to.effectiveLevel());
    try (InputStream tar = Compression.decompressed(stored)) {
      byte[] buf = new byte[128 * 1024];
      for (int n; (n = tar.read(buf)) >= 0; ) {
        if (diffHash != null) {
          diffHash.update(buf, 0, n);
        }
        compressed.write(buf, 0, n);
      }
    }
    finish(compressed);
    counted.flush();
    return new Recompressed(
        diffHash == null ? Optional.empty() : Optional.of(Digest.fromSha256(diffHash.digest())),
        counted.count);
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
