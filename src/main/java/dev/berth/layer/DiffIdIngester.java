package dev.berth.layer;

import dev.berth.image.BlobIngester;
import dev.berth.image.BlobWriter;
import dev.berth.image.Digest;
import dev.berth.image.MediaType;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipException;

/**
 * An ingester that works out each blob's diff ID (the SHA-256 of its uncompressed content) from the
 * bytes as they are written, so a fetched layer is checked against its config without reading it
 * back from the store. The decompression runs on a thread of its own, fed through a small bounded
 * queue: the writer and the decompressor overlap, and a slow decompressor slows the writer instead
 * of piling up memory. The store's own commit (size and digest check, fsync, atomic rename) is
 * unchanged; a blob whose stream could not be decompressed is committed as its digest allows, with
 * no diff ID remembered, and the caller's check reads it again and reports why.
 */
public final class DiffIdIngester implements BlobIngester {

  private static final int CHUNK = 64 * 1024;
  private static final int QUEUED_CHUNKS = 16;
  private static final byte[] END = new byte[0];

  private final BlobIngester into;
  private final Map<Digest, Digest> diffIds = new ConcurrentHashMap<>();

  public DiffIdIngester(BlobIngester into) {
    this.into = into;
  }

  @Override
  public BlobWriter writer() throws IOException {
    return new Writer(into.writer());
  }

  /** The diff ID of a blob committed through this ingester, when its content could be read. */
  public Optional<Digest> diffId(Digest blob) {
    return Optional.ofNullable(diffIds.get(blob));
  }

  /** A writer of the store's, with every byte also handed to the decompressing thread. */
  private final class Writer implements BlobWriter {

    private final BlobWriter blob;
    private final Decompressor decompressor = new Decompressor();
    private final OutputStream stream = new Tee();
    private byte[] pending = new byte[CHUNK];
    private int filled;
    private boolean closed;

    Writer(BlobWriter blob) {
      this.blob = blob;
      decompressor.start();
    }

    @Override
    public OutputStream stream() {
      return stream;
    }

    @Override
    public long size() {
      return blob.size();
    }

    @Override
    public Digest digest() {
      return blob.digest();
    }

    @Override
    public Digest commit(long expectedSize, Digest expected) throws IOException {
      flushPending();
      decompressor.hand(END);
      Digest stored = blob.commit(expectedSize, expected);
      closed = true;
      Optional<Digest> diffId = decompressor.result(stored);
      diffId.ifPresent(d -> diffIds.put(stored, d));
      return stored;
    }

    @Override
    public void close() throws IOException {
      if (!closed) {
        closed = true;
        decompressor.abort();
      }
      blob.close();
    }

    private void flushPending() throws IOException {
      if (filled > 0) {
        byte[] chunk = filled == pending.length ? pending : Arrays.copyOf(pending, filled);
        decompressor.hand(chunk);
        pending = new byte[CHUNK];
        filled = 0;
      }
    }

    private final class Tee extends OutputStream {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        blob.stream().write(b, off, len);
        while (len > 0) {
          int n = Math.min(len, pending.length - filled);
          System.arraycopy(b, off, pending, filled, n);
          filled += n;
          off += n;
          len -= n;
          if (filled == pending.length) {
            flushPending();
          }
        }
      }
    }
  }

  /**
   * Reads the queued chunks as one stream, decompresses and hashes them. Whatever happens to the
   * decompression (a corrupt stream, bytes after its end), it takes chunks until the end, so the
   * writer never blocks on a full queue.
   */
  private static final class Decompressor extends Thread {

    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
    private volatile boolean aborted;
    private Digest digest;
    private boolean plain;

    Decompressor() {
      super("berth-diff-id");
      setDaemon(true);
    }

    void hand(byte[] chunk) throws IOException {
      try {
        queue.put(chunk);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        abort();
        throw new InterruptedIOException("interrupted while writing a blob");
      }
    }

    /** Stops at once: the blob is thrown away, so its diff ID does not matter. */
    void abort() {
      aborted = true;
      queue.clear();
      queue.offer(END);
    }

    /** Waits for the end of the stream; empty when it could not be decompressed. */
    Optional<Digest> result(Digest stored) throws IOException {
      try {
        join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while hashing a blob");
      }
      if (plain) {
        return Optional.of(stored); // not compressed: the diff ID is the blob's own digest
      }
      return Optional.ofNullable(digest);
    }

    @Override
    public void run() {
      Chunks chunks = new Chunks(queue);
      try (BufferedInputStream in = new BufferedInputStream(chunks, CHUNK)) {
        if (Compression.sniff(in) == MediaType.Compression.NONE) {
          plain = true;
          return;
        }
        MessageDigest md = Digest.newSha256();
        try (InputStream raw = Compression.decompressed(in)) {
          byte[] buf = new byte[CHUNK];
          for (int n; (n = raw.read(buf)) >= 0; ) {
            md.update(buf, 0, n);
          }
        }
        if (!aborted) {
          digest = Digest.fromSha256(md.digest());
        }
      } catch (ZipException | EOFException e) {
        // Corrupt or truncated: no diff ID; the caller's own check reports it.
      } catch (IOException | RuntimeException e) {
        // Aborted, or zstd's reader refusing the stream: the same.
      } finally {
        chunks.drain();
      }
    }
  }

  /** The queued chunks as an input stream; END (or an abort) ends it. */
  private static final class Chunks extends InputStream {

    private final BlockingQueue<byte[]> queue;
    private byte[] current = new byte[0];
    private int pos;
    private boolean ended;

    Chunks(BlockingQueue<byte[]> queue) {
      this.queue = queue;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (!nextChunk()) {
        return -1;
      }
      int n = Math.min(len, current.length - pos);
      System.arraycopy(current, pos, b, off, n);
      pos += n;
      return n;
    }

    /**
     * Whether more bytes follow, waiting for the writer when the queue is empty. It blocks, unlike
     * most streams' answer, because GZIPInputStream asks it to decide whether another gzip member
     * follows the one it finished: an honest 0 while the next bytes are still on the way would end
     * a multi-member layer early, with a wrong diff ID.
     */
    @Override
    public int available() throws IOException {
      return nextChunk() ? current.length - pos : 0;
    }

    /** Makes {@code current} hold unread bytes; false at the end. */
    private boolean nextChunk() throws IOException {
      while (pos == current.length) {
        if (ended) {
          return false;
        }
        current = take();
        pos = 0;
        if (current == END) {
          ended = true;
          return false;
        }
      }
      return true;
    }

    /** Takes and drops what is left, up to the end. */
    void drain() {
      while (!ended) {
        try {
          ended = take() == END;
        } catch (IOException e) {
          return;
        }
      }
    }

    private byte[] take() throws IOException {
      try {
        return queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted");
      }
    }

    @Override
    public void close() {
      // The queue belongs to the writer; drain() empties it.
    }
  }
}
