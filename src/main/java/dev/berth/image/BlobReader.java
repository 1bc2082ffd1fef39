package dev.berth.image;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Read access to blobs by digest: the narrowest role a consumer of content needs. */
public interface BlobReader {

  /** The size of the blob, or empty when it is not there. */
  Optional<Long> size(Digest digest) throws IOException;

  /** Opens the blob; a NOT_FOUND BerthException when it is not there. */
  InputStream open(Digest digest) throws IOException;

  /** The whole blob; for small blobs such as manifests and configs. */
  default byte[] readAll(Digest digest) throws IOException {
    try (InputStream in = open(digest)) {
      return in.readAllBytes();
    }
  }

  default boolean exists(Digest digest) throws IOException {
    return size(digest).isPresent();
  }
}
