package dev.berth.solver.cache;

import dev.berth.image.BlobErrors;
import dev.berth.image.BlobIngester;
import dev.berth.image.BlobReader;
import dev.berth.image.BlobWriter;
import dev.berth.image.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Small blobs held in memory (a cache config being fetched, an artifact being pushed), in front of
 * another reader for the rest: nothing of the cache's own bookkeeping lands in the store.
 */
final class MemoryBlobs implements BlobReader, BlobIngester {

  private final Map<Digest, byte[]> blobs = new ConcurrentHashMap<>();
  private final BlobReader behind;

  MemoryBlobs(BlobReader behind) {
    this.behind = behind;
  }

  MemoryBlobs() {
    this(
        new BlobReader() {
          @Override
          public Optional<Long> size(Digest digest) {
            return Optional.empty();
          }

          @Override
          public InputStream open(Digest digest) throws IOException {
            throw BlobErrors.notFound(digest, "memory");
          }
        });
  }

  void put(byte[] content) {
    blobs.put(Digest.sha256(content), content.clone());
  }

  @Override
  public Optional<Long> size(Digest digest) throws IOException {
    byte[] b = blobs.get(digest);
    return b != null ? Optional.of((long) b.length) : behind.size(digest);
  }

  @Override
  public InputStream open(Digest digest) throws IOException {
    byte[] b = blobs.get(digest);
    return b != null ? new ByteArrayInputStream(b) : behind.open(digest);
  }

  @Override
  public BlobWriter writer() {
    MessageDigest md = Digest.newSha256();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DigestOutputStream out = new DigestOutputStream(bytes, md);
    return new BlobWriter() {
      @Override
      public OutputStream stream() {
        return out;
      }

      @Override
      public long size() {
        return bytes.size();
      }

      @Override
      public Digest digest() {
        try {
          return Digest.fromSha256(((MessageDigest) md.clone()).digest());
        } catch (CloneNotSupportedException e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public Digest commit(long expectedSize, Digest expected) throws IOException {
        Digest actual = digest();
        if (expectedSize >= 0 && expectedSize != bytes.size()) {
          throw BlobErrors.mismatch("blob is " + bytes.size() + " bytes, expected " + expectedSize);
        }
        if (expected != null && !expected.equals(actual)) {
          throw BlobErrors.mismatch("blob has digest " + actual + ", expected " + expected);
        }
        blobs.put(actual, bytes.toByteArray());
        return actual;
      }

      @Override
      public void close() {}
    };
  }
}
