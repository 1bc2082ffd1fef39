package dev.berth.archive;

import java.io.IOException;

/** An input that is not a valid image archive, with what is wrong and where. */
public final class ArchiveFormatException extends IOException {
  public ArchiveFormatException(String message) {
    super(message);
  }
}
