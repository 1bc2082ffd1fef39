package dev.berth.image;

import dev.berth.diag.BerthException;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A blob being written. Its content is invisible until {@link #commit} has checked its size and
 * digest; closing without committing throws the content away.
 */
public interface BlobWriter extends Closeable {

  /** Where the content goes. */
  OutputStream stream();

  /** The bytes written so far. */
  long size();

  /** The digest of what was written so far. */
  Digest digest();

  /**
   * Makes the blob visible under its digest, after checking it against what the caller expected.
   *
   * @param expectedSize the size the content must have, or -1 for any
   * @param expected the digest the content must have, or null to accept the computed one
   * @throws BerthException with code BlobErrors.MISMATCH when size or digest differ; nothing is
   *     stored then
   */
  Digest commit(long expectedSize, Digest expected) throws IOException;
}
