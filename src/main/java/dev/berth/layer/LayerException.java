package dev.berth.layer;

import java.io.IOException;
import java.util.Optional;

/** A layer that cannot be applied: a corrupt or truncated archive, or an entry it refuses. */
public class LayerException extends IOException {

  private final String entry;

  public LayerException(String entry, String message) {
    super(entry == null ? message : "layer entry '" + entry + "': " + message);
    this.entry = entry;
  }

  public LayerException(String entry, String message, Throwable cause) {
    this(entry, message);
    initCause(cause);
  }

  /** The name of the entry at fault, as the archive spells it, when one is. */
  public Optional<String> entry() {
    return Optional.ofNullable(entry);
  }
}
