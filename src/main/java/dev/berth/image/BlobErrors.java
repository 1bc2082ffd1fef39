package dev.berth.image;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;

/** The two ways a blob operation fails, with codes a caller can tell apart. */
public final class BlobErrors {

  /** A blob's content did not match the digest or size it was announced with. */
  public static final String MISMATCH = "content-mismatch";

  /** A blob that was asked for is not there. */
  public static final String NOT_FOUND = "blob-not-found";

  private BlobErrors() {}

  public static BerthException mismatch(String message) {
    return new BerthException(ErrorKind.INVALID_INPUT, MISMATCH, message);
  }

  public static BerthException notFound(Digest digest, String where) {
    return new BerthException(
        ErrorKind.NOT_FOUND, NOT_FOUND, "content " + digest + ": not found in " + where);
  }

  public static boolean isMismatch(Throwable t) {
    return t instanceof BerthException b && b.code().equals(MISMATCH);
  }
}
