package dev.berth.layer;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import java.nio.charset.StandardCharsets;

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
    return entry == null ? message : "layer entry '" + shown(entry) + "': " + message;
  }

  /** The longest entry name a message shows whole; longer ones keep their start and end. */
  static final int SHOWN_MAX = 120;

  /**
   * An entry name as a message shows it: control characters (a NUL byte among them) escaped, and a
   * name of more than {@link #SHOWN_MAX} characters cut in the middle, with its full length given,
   * so a 4 KB name does not become a 4 KB message.
   */
  public static String shown(String name) {
    StringBuilder b = new StringBuilder();
    name.codePoints()
        .forEach(
            c -> {
              if (c == 0) {
                b.append("\\0");
              } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", c));
              } else {
                b.appendCodePoint(c);
              }
            });
    if (b.length() <= SHOWN_MAX) {
      return b.toString();
    }
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    return b.substring(0, 80) + "…" + b.substring(b.length() - 30) + " (" + bytes + " bytes)";
  }
}
