package dev.berth.layer;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import dev.berth.image.BlobReader;
import dev.berth.image.Descriptor;
import dev.berth.image.Digest;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.ZipException;

/**
 * Checks layer blobs against the diff IDs an image config claims for them (the SHA-256 of each
 * uncompressed tar). Snapshots are named by chain IDs made of diff IDs, so a config that lies about
 * one would let its layer stand in for another image's: every way into the store checks first.
 */
public final class DiffIds {

  /** The code of a layer whose content does not match the diff ID its config claims. */
  public static final String MISMATCH = "layer-diff-id-mismatch";

  private DiffIds() {}

  /** The SHA-256 of the blob's uncompressed content (gzip, zstd or plain), read to its end. */
  public static Digest of(BlobReader blobs, Digest blob) throws IOException {
    MessageDigest md = Digest.newSha256();
    try (InputStream raw = Compression.decompressed(blobs.open(blob))) {
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = raw.read(buf)) >= 0) {
        md.update(buf, 0, n);
      }
    } catch (ZipException | EOFException e) {
      throw LayerErrors.bad(
          null, "layer " + blob + ": truncated or corrupt compressed stream: " + e.getMessage(), e);
    }
    return Digest.fromSha256(md.digest());
  }

  /**
   * Checks every layer of an image against its claimed diff ID, in order.
   *
   * @param where what the image is, for the message (such as the archive and its manifest)
   */
  public static void verify(
      BlobReader blobs, List<Descriptor> layers, List<Digest> diffIds, String where)
      throws IOException {
    verify(blobs, layers, diffIds, where, blob -> Optional.empty());
  }

  /**
   * The same, taking each layer's diff ID from {@code known} where it has one (worked out as the
   * blob streamed in, see {@link DiffIdIngester}) and reading the blob only for the others.
   */
  public static void verify(
      BlobReader blobs,
      List<Descriptor> layers,
      List<Digest> diffIds,
      String where,
      Function<Digest, Optional<Digest>> known)
      throws IOException {
    if (layers.size() != diffIds.size()) {
      throw new BerthException(
          ErrorKind.INVALID_INPUT,
          MISMATCH,
          where
              + ": the manifest lists "
              + layers.size()
              + " layers, but the config lists "
              + diffIds.size()
              + " diff IDs");
    }
    for (int i = 0; i < layers.size(); i++) {
      Digest blob = layers.get(i).digest();
      Optional<Digest> streamed = known.apply(blob);
      Digest actual = streamed.isPresent() ? streamed.get() : of(blobs, blob);
      if (!actual.equals(diffIds.get(i))) {
        throw mismatch(where, i, layers.size(), blob, actual, diffIds.get(i));
      }
    }
  }

  /** The error for layer {@code index} (from 0) of {@code count}: content and claim differ. */
  public static BerthException mismatch(
      String where, int index, int count, Object layer, Digest actual, Digest claimed) {
    return new BerthException(
        ErrorKind.INVALID_INPUT,
        MISMATCH,
        where
            + ": layer "
            + (index + 1)
            + " of "
            + count
            + " ("
            + layer
            + ") has diff ID "
            + actual
            + ", but the image config claims "
            + claimed
            + "; refusing the image");
  }
}
