package dev.berth.store;

import dev.berth.image.BlobWriter;
import dev.berth.image.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/** Streams a blob to a temp file, hashing as it goes; commit verifies, fsyncs and places it. */
final class IngestWriter implements BlobWriter {

  private final Path tmp;
  private final ContentStore.Placer placer;
  private final FileChannel channel;
  private final MessageDigest hasher = Digest.newSha256();
  private final OutputStream stream = new HashingStream();
  private long size;
  private boolean done;

  IngestWriter(Path tmp, ContentStore.Placer placer) throws IOException {
    this.tmp = tmp;
    this.placer = placer;
    this.channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  @Override
  public OutputStream stream() {
    return stream;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public Digest digest() {
    try {
      // Clone so the running hash can go on after a peek.
      return Digest.fromSha256(((MessageDigest) hasher.clone()).digest());
    } catch (CloneNotSupportedException e) {
      throw new AssertionError("the JDK's SHA-256 is cloneable", e);
    }
  }

  @Override
  public Digest commit(long expectedSize, Digest expected) throws IOException {
    ensureOpen();
    done = true;
    try {
      ContentStore.checkExpected(expected);
      Digest actual = digest();
      if (expectedSize >= 0 && expectedSize != size) {
        throw ContentStore.mismatch("size of " + actual, expectedSize, size);
      }
      if (expected != null && !expected.equals(actual)) {
        throw ContentStore.mismatch("digest", expected, actual);
      }
      channel.force(true);
      channel.close();
      placer.place(tmp, actual);
      return actual;
    } finally {
      discard();
    }
  }

  @Override
  public void close() throws IOException {
    if (!done) {
      done = true;
      discard();
    }
  }

  private void discard() throws IOException {
    try {
      channel.close();
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private void ensureOpen() throws IOException {
    if (done) {
      throw new IOException("blob writer already committed or closed");
    }
  }

  private final class HashingStream extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      ensureOpen();
      ByteBuffer buf = ByteBuffer.wrap(b, off, len);
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      hasher.update(b, off, len);
      size += len;
    }
  }
}
