package dev.berth.layer;

import dev.berth.image.Digest;
import dev.berth.image.LayerCompression;
import dev.berth.image.MediaType;
import dev.berth.image.MediaType.Compression;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Writes layer tarballs that depend only on the entries: sorted by name bytes, numeric owners,
 * whole-second times (optionally clamped to {@code SOURCE_DATE_EPOCH}), fixed gzip header and
 * level. The diffID and the blob digest are computed in the same pass.
 */
public final class LayerWriter {

  /** How to write: the compression, and the epoch second every later mtime is clamped to. */
  public record Options(Compression compression, OptionalLong clampEpoch) {
    public Options {
      Objects.requireNonNull(compression, "compression");
      Objects.requireNonNull(clampEpoch, "clampEpoch");
    }

    public static Options of(Compression compression) {
      return new Options(compression, OptionalLong.empty());
    }

    public Options withClamp(long epochSecond) {
      return new Options(compression, OptionalLong.of(epochSecond));
    }
  }

  /** Orders names by their UTF-8 bytes, so a parent always comes before what it holds. */
  static final Comparator<String> NAME_ORDER =
      (a, b) ->
          Arrays.compareUnsigned(
              a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  private final Options options;

  public LayerWriter(Options options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /** The OCI media type of the layers this writer produces. */
  public String mediaType() {
    return switch (options.compression()) {
      case NONE -> MediaType.OCI_LAYER;
      case GZIP -> MediaType.OCI_LAYER_GZIP;
      case ZSTD -> MediaType.OCI_LAYER_ZSTD;
    };
  }

  /**
   * Writes the entries, sorted by name, to {@code out}, which is left open. Names must be unique
   * and a hard link must name an entry that sorts before it.
   */
  public LayerDigests write(Collection<TarEntry> entries, OutputStream out) throws IOException {
    List<TarEntry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(TarEntry::name, NAME_ORDER));
    Set<String> seen = new HashSet<>();
    for (TarEntry e : sorted) {
      if (!seen.add(e.name())) {
        throw new IllegalArgumentException("two layer entries are named " + e.name());
      }
      if (e.type() == EntryType.HARDLINK && !seen.contains(e.linkName())) {
        throw new IllegalArgumentException(
            "hard link " + e.name() + " names " + e.linkName() + ", which is not an earlier entry");
      }
    }

    // An uncompressed blob is its own tar: one hash gives both digests.
    boolean plain = options.compression() == Compression.NONE;
    MessageDigest blobHash = plain ? null : Digest.newSha256();
    LayerCompressor.Counting counted =
        new LayerCompressor.Counting(
            plain
                ? LayerCompressor.nonClosing(out)
                : new DigestOutputStream(LayerCompressor.nonClosing(out), blobHash));
    MessageDigest diffHash = Digest.newSha256();
    OutputStream compressed =
        LayerCompressor.open(
            counted,
            options.compression(),
            new LayerCompression(options.compression(), OptionalInt.empty(), false)
                .effectiveLevel());
    OutputStream tarBytes =
        new BufferedOutputStream(new DigestOutputStream(compressed, diffHash), 64 * 1024);
    TarOutput tar = new TarOutput(tarBytes);
    for (TarEntry e : sorted) {
      tar.write(clamp(e));
    }
    tar.finish();
    tarBytes.flush();
    LayerCompressor.finish(compressed);
    counted.flush();
    Digest diffId = Digest.fromSha256(diffHash.digest());
    return new LayerDigests(
        diffId, plain ? diffId : Digest.fromSha256(blobHash.digest()), counted.count, mediaType());
  }

  /** Writes a directory tree (see {@link TreeScanner#scan}) together with extra entries. */
  public LayerDigests writeTree(Path root, Collection<TarEntry> extra, OutputStream out)
      throws IOException {
    List<TarEntry> all = new ArrayList<>(TreeScanner.scan(root));
    all.addAll(extra);
    return write(all, out);
  }

  /** Writes an overlayfs upper directory as a layer (see {@link TreeScanner#scanOverlayUpper}). */
  public LayerDigests writeOverlayUpper(Path upper, OutputStream out) throws IOException {
    return write(TreeScanner.scanOverlayUpper(upper), out);
  }

  private TarEntry clamp(TarEntry e) {
    if (options.clampEpoch().isPresent() && e.mtime() > options.clampEpoch().getAsLong()) {
      return e.withMtime(options.clampEpoch().getAsLong());
    }
    return e;
  }
}
