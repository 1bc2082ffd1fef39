package dev.berth.image;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Identifiers derived from image content: image IDs and layer chain IDs. */
public final class Images {

  private Images() {}

  /** The image ID: the digest of the config's bytes, exactly as stored. */
  public static Digest imageId(byte[] configBytes) {
    return Digest.sha256(configBytes);
  }

  /**
   * The chain ID of every prefix of a layer stack, bottom first, as the OCI image spec defines it:
   * {@code ChainID(L0) = DiffID(L0)}, {@code ChainID(Ln) = sha256(ChainID(Ln-1) + " " +
   * DiffID(Ln))}. The chain ID names a snapshot: the file tree of those layers applied in order.
   */
  public static List<Digest> chainIds(List<Digest> diffIds) {
    List<Digest> chain = new ArrayList<>(diffIds.size());
    Digest previous = null;
    for (Digest diffId : diffIds) {
      previous =
          previous == null
              ? diffId
              : Digest.sha256((previous + " " + diffId).getBytes(StandardCharsets.US_ASCII));
      chain.add(previous);
    }
    return List.copyOf(chain);
  }

  /** The chain ID of the whole stack, or empty for an image without layers. */
  public static Optional<Digest> chainId(List<Digest> diffIds) {
    List<Digest> chain = chainIds(diffIds);
    return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(chain.size() - 1));
  }

  /** The chain IDs of an image's layers, bottom first. */
  public static List<Digest> chainIds(ImageConfig config) {
    return chainIds(config.diffIds());
  }
}
