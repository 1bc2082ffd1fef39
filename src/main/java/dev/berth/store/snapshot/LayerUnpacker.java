package dev.berth.store.snapshot;

import dev.berth.image.Digest;
import java.io.IOException;
import java.io.InputStream;

/**
 * Extracts one layer blob into a snapshot being prepared. The store reads and verifies the blob;
 * the unpacker detects its compression and applies it safely.
 */
@FunctionalInterface
public interface LayerUnpacker {

  void unpack(Digest blob, InputStream in, UnpackTarget target) throws IOException;
}
