package dev.berth.store;

import dev.berth.image.Digest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Chain IDs of a layer stack, as the OCI image spec defines them: {@code ChainID(L0) = DiffID(L0)},
 * {@code ChainID(Ln) = sha256(ChainID(Ln-1) + " " + DiffID(Ln))}.
 */
public final class ChainId {

  private ChainId() {}

  /** The chain ID of a layer on top of the chain {@code parent} (null for the bottom layer). */
  public static Digest next(Digest parent, Digest diffId) {
    if (parent == null) {
      return diffId;
    }
    return Digest.sha256((parent + " " + diffId).getBytes(StandardCharsets.UTF_8));
  }

  /** The chain ID of every prefix of the stack, bottom first. */
  public static List<Digest> of(List<Digest> diffIds) {
    List<Digest> out = new ArrayList<>(diffIds.size());
    Digest chain = null;
    for (Digest diffId : diffIds) {
      chain = next(chain, diffId);
      out.add(chain);
    }
    return out;
  }
}
