package dev.berth.layer;

/** An entry that would create or change something outside the root the layer is applied to. */
public final class UnsafeEntryException extends LayerException {

  public UnsafeEntryException(String entry, String message) {
    super(entry, "refused, " + message);
  }
}
