package dev.berth.store.snapshot;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Hashes a blob as it is read, so what was unpacked can be checked against its descriptor. */
final class VerifyingInputStream extends FilterInputStream {

  private final Descriptor expected;
  private final MessageDigest hasher;
  private long count;

  VerifyingInputStream(InputStream in, Descriptor expected) {
    super(in);
    this.expected = expected;
    this.hasher = expected.digest().newHasher();
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      hasher.update((byte) b);
      count++;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      hasher.update(b, off, n);
      count += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes must still be hashed.
    byte[] buf = new byte[(int) Math.min(n, 8192)];
    int r = read(buf, 0, buf.length);
    return Math.max(r, 0);
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** Reads what the unpacker left (such as tar padding) and checks size and digest. */
  void finish() throws IOException {
    byte[] buf = new byte[8192];
    while (read(buf, 0, buf.length) >= 0) {
      // drain
    }
    Digest actual =
        new Digest(expected.digest().algorithm(), HexFormat.of().formatHex(hasher.digest()));
    if (!actual.equals(expected.digest()) || count != expected.size()) {
      throw new BerthException(
          ErrorKind.FAILED_PRECONDITION,
          "layer "
              + expected.digest()
              + ": corrupt: read "
              + count
              + " bytes hashing to "
              + actual
              + ", expected "
              + expected.size()
              + " bytes");
    }
  }
}
