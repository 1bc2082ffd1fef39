package dev.berth.image;

import java.io.IOException;

/** Write access to blobs: the narrowest role that adds content. */
public interface BlobIngester {

  /** Starts writing a new blob. */
  BlobWriter writer() throws IOException;
}
