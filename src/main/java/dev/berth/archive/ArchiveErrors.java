package dev.berth.archive;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;

/** An input that is not a valid image archive, with what is wrong and where. */
public final class ArchiveErrors {

  public static final String BAD_ARCHIVE = "bad-archive";

  private ArchiveErrors() {}

  public static BerthException bad(String message) {
    return new BerthException(ErrorKind.INVALID_INPUT, BAD_ARCHIVE, message);
  }
}
