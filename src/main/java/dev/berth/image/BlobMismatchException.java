package dev.berth.image;

import java.io.IOException;

/** A blob's content did not match the digest or size it was announced with. */
public final class BlobMismatchException extends IOException {

  public BlobMismatchException(String message) {
    super(message);
  }
}
