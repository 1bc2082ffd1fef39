package dev.berth.registry;

import dev.berth.diag.BerthException;
import dev.berth.image.BlobErrors;
import dev.berth.image.BlobIngester;
import dev.berth.image.BlobWriter;
import dev.berth.image.Digest;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An ingester in memory that, like the store, keeps a blob only when commit verifies it. */
final class MemoryBlobs implements BlobIngester {

  final Map<Digest, byte[]> committed = new ConcurrentHashMap<>();

  @Override
  public BlobWriter writer() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    return new BlobWriter() {
      @Override
      public OutputStream stream() {
        return buf;
      }

      @Override
      public long size() {
        return buf.size();
      }

      @Override
      public Digest digest() {
        return Digest.sha256(buf.toByteArray());
      }

      @Override
      public Digest commit(long expectedSize, Digest expected) throws BerthException {
        byte[] b = buf.toByteArray();
        Digest d = Digest.sha256(b);
        if ((expectedSize >= 0 && expectedSize != b.length)
            || (expected != null && !expected.equals(d))) {
          throw BlobErrors.mismatch("mismatch: expected " + expected + ", got " + d);
        }
        committed.put(d, b);
        return d;
      }

      @Override
      public void close() {}
    };
  }
}
