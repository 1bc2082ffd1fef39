package dev.berth.image;

import java.io.FileNotFoundException;

/** A blob that was asked for is not there. */
public final class BlobNotFoundException extends FileNotFoundException {

  private final transient Digest digest;

  public BlobNotFoundException(Digest digest, String where) {
    super("content " + digest + ": not found in " + where);
    this.digest = digest;
  }

  public Digest digest() {
    return digest;
  }
}
