package dev.berth.layer;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;

/** A layer that cannot be applied: a corrupt or truncated archive, or an entry it refuses. */
public final class LayerErrors {

  /** The archive is corrupt, truncated or uses a feature berth does not read. */
  public static final String BAD_LAYER = "bad-layer";

  /** An entry would create or change something outside the root the layer is applied to. */
  public static final String UNSAFE_ENTRY = "unsafe-entry";

  private LayerErrors() {}

  /** Names the entry at fault, as the archive spells it, when there is one. */
  public static BerthException bad(String entry, String message) {
    return bad(entry, message, null);
  }

  public static BerthException bad(String entry, String message, Throwable cause) {
    return new BerthException(ErrorKind.INVALID_INPUT, BAD_LAYER, text(entry, message), cause);
  }

  public static BerthException unsafe(String entry, String message) {
    return new BerthException(
        ErrorKind.INVALID_INPUT, UNSAFE_ENTRY, text(entry, "refused, " + message), null);
  }

  /** Whether {@code t} is a layer error of either code. */
  public static boolean isLayerError(Throwable t) {
    return t instanceof BerthException b
        && (b.code().equals(BAD_LAYER) || b.code().equals(UNSAFE_ENTRY));
  }

  private static String text(String entry, String message) {
    return entry == null ? message : "layer entry '" + entry + "': " + message;
  }
}
