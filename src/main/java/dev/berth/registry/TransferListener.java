package dev.berth.registry;

import dev.berth.image.Digest;

/** Hears how blob transfers go; called from several threads at once. */
public interface TransferListener {

  /** The blob is already where it is going; nothing is transferred. */
  default void exists(Digest digest, long size) {}

  /** The registry linked the blob from another repository of its own. */
  default void mounted(Digest digest, long size, String fromRepository) {}

  /** {@code done} of {@code total} bytes have moved; starts again at 0 when a transfer restarts. */
  default void progress(Digest digest, long done, long total) {}

  /** The blob arrived complete and verified. */
  default void done(Digest digest, long size) {}

  static TransferListener none() {
    return new TransferListener() {};
  }
}
