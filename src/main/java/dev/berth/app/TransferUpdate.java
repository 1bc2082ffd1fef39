package dev.berth.app;

import java.util.Objects;

/**
 * One step of a pull or push, for the CLI to show: a layer's status and bytes, or (with an empty
 * {@code layer}) a message about the image as a whole.
 *
 * @param layer the blob's short digest, or "" for a message
 * @param total the blob's size, or 0 when not known or not a transfer
 */
public record TransferUpdate(String layer, String status, long done, long total) {

  public TransferUpdate {
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(status, "status");
  }

  static TransferUpdate message(String text) {
    return new TransferUpdate("", text, 0, 0);
  }

  /** True while bytes are moving (a bar makes sense). */
  public boolean inProgress() {
    return total > 0 && (status.equals("Downloading") || status.equals("Pushing"));
  }

  /** The update as docker prints it without a terminal. */
  public String line() {
    if (layer.isEmpty()) {
      return status;
    }
    return layer
        + ": "
        + status
        + (inProgress()
            ? " " + TransferLines.human(done) + " of " + TransferLines.human(total)
            : "");
  }
}
