package dev.berth.layer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * One gzip member, deflated on all cores as pigz does it: the input is cut into blocks of {@link
 * #BLOCK} bytes, each block is deflated on its own with the 32 KiB before it as the dictionary and
 * ends byte-aligned (a sync flush, the last one a final block), and the pieces are written in
 * order. Any gzip reader reads the result. The bytes depend only on the input, never on the number
 * of threads or their timing, so layer digests stay reproducible.
 *
 * <p>The header is fixed (no file name, no time stamp, OS byte 255): the JDK's own GZIPOutputStream
 * has changed its header bytes between releases, which would change layer digests with the JDK.
 */
final class GzipOutput extends OutputStream {

  /** The level layers have always been written with; another changes every layer digest. */
  static final int LEVEL = dev.berth.image.LayerCompression.GZIP_DEFAULT_LEVEL;

  /** pigz's default block size: small enough to keep every core busy on a layer of a few MB. */
  static final int BLOCK = 128 * 1024;

  /** deflate's window: a block is compressed as if the 32 KiB before it had just been seen. */
  static final int DICTIONARY = 32 * 1024;

  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

  private final OutputStream out;
  private final ExecutorService pool;
  private final int window;
  private final int level;
  private final ArrayDeque<Future<byte[]>> pending = new ArrayDeque<>();
  private final CRC32 crc = new CRC32();
  private byte[] block = new byte[BLOCK];
  private int filled;
  private byte[] dictionary = new byte[0];
  private long length;
  private boolean finished;

  GzipOutput(OutputStream out) throws IOException {
    this(out, LEVEL);
  }

  /**
   * @param level deflate's level, 0 (stored) to 9
   */
  GzipOutput(OutputStream out, int level) throws IOException {
    this(out, Workers.POOL, 2 * Workers.THREADS, level);
  }

  GzipOutput(OutputStream out, ExecutorService pool, int window) throws IOException {
    this(out, pool, window, LEVEL);
  }

  /**
   * @param pool where blocks are deflated
   * @param window how many blocks may be in flight before the writer waits for the oldest
   */
  GzipOutput(OutputStream out, ExecutorService pool, int window, int level) throws IOException {
    if (level < Deflater.NO_COMPRESSION || level > Deflater.BEST_COMPRESSION) {
      throw new IllegalArgumentException("gzip level " + level + " is not in 0..9");
    }
    this.level = level;
    this.out = out;
    this.pool = pool;
    this.window = Math.max(1, window);
    out.write(HEADER);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (finished) {
      throw new IOException("gzip stream already finished");
    }
    crc.update(b, off, len);
    length += len;
    while (len > 0) {
      int n = Math.min(len, BLOCK - filled);
      System.arraycopy(b, off, block, filled, n);
      filled += n;
      off += n;
      len -= n;
      if (filled == BLOCK) {
        submit(false);
      }
    }
  }

  private void submit(boolean last) throws IOException {
    byte[] input = block;
    int size = filled;
    byte[] dict = dictionary;
    pending.addLast(pool.submit(() -> deflate(input, size, dict, last, level)));
    if (!last) {
      // Only the last block can be short, so the next dictionary always lies in this one.
      dictionary = Arrays.copyOfRange(input, BLOCK - DICTIONARY, BLOCK);
      block = new byte[BLOCK];
      filled = 0;
    }
    while (pending.size() > window) {
      writeOldest();
    }
  }

  private void writeOldest() throws IOException {
    try {
      out.write(pending.removeFirst().get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while compressing a layer");
    } catch (ExecutionException e) {
      throw new IOException("compressing a layer failed", e.getCause());
    }
  }

  private static byte[] deflate(byte[] input, int size, byte[] dict, boolean last, int level) {
    Deflater d = new Deflater(level, true);
    try {
      if (dict.length > 0) {
        d.setDictionary(dict);
      }
      d.setInput(input, 0, size);
      ByteArrayOutputStream piece = new ByteArrayOutputStream(size / 2 + 64);
      byte[] buf = new byte[64 * 1024];
      if (last) {
        d.finish();
        while (!d.finished()) {
          int n = d.deflate(buf, 0, buf.length, Deflater.NO_FLUSH);
          piece.write(buf, 0, n);
        }
      } else {
        int n;
        do {
          // A full buffer may hold more: the Deflater wants the same flush again until it is not.
          n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
          piece.write(buf, 0, n);
        } while (n == buf.length);
      }
      return piece.toByteArray();
    } finally {
      d.end();
    }
  }

  /** Ends the deflate stream and writes the trailer; the underlying stream stays open. */
  void finish() throws IOException {
    if (finished) {
      return;
    }
    submit(true);
    finished = true;
    while (!pending.isEmpty()) {
      writeOldest();
    }
    long c = crc.getValue();
    out.write(
        new byte[] {
          (byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24),
          (byte) length, (byte) (length >> 8), (byte) (length >> 16), (byte) (length >> 24)
        });
  }

  @Override
  public void flush() {
    // Flushing mid-stream would add sync markers and change the bytes; output goes out on finish.
  }

  @Override
  public void close() throws IOException {
    finish();
    out.close();
  }

  /** The deflating threads, made when the first layer is compressed: one per core, daemons. */
  private static final class Workers {
    static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
    static final ExecutorService POOL =
        Executors.newFixedThreadPool(
            THREADS,
            r -> {
              Thread t = new Thread(r, "berth-gzip");
              t.setDaemon(true);
              return t;
            });
  }
}
