package dev.berth.store.snapshot;

import dev.berth.image.Digest;
import java.io.IOException;
import java.io.InputStream;

/**
 * Extracts one layer blob into a snapshot being prepared. The store reads and verifies the blob;
 * the unpacker detects its compression and applies it safely, and returns the diff ID of what it
 * applied (the SHA-256 of the uncompressed tar, read to its end), which the store checks against
 * the one the image config claims before the snapshot is committed.
 */
@FunctionalInterface
public interface LayerUnpacker {

  Digest unpack(Digest blob, InputStream in, UnpackTarget target) throws IOException;
}
