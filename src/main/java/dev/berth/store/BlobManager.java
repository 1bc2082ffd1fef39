package dev.berth.store;

import dev.berth.diag.BerthException;
import dev.berth.image.Digest;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** The managing role of the content store: list, inspect and delete blobs. */
public interface BlobManager {

  /** Every stored blob, sorted by digest. */
  List<BlobInfo> list() throws IOException;

  /** The blob's info, or empty when it is not stored. */
  Optional<BlobInfo> info(Digest digest) throws IOException;

  /** Deletes a blob; {@link BerthException} of kind NOT_FOUND when it is not stored. */
  void delete(Digest digest) throws IOException;
}
