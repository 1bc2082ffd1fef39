package dev.berth.store;

import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;

/** The store's errors, worded alike: the object first, then what is wrong with it. */
public final class StoreErrors {

  private StoreErrors() {}

  public static BerthException notFound(String what) {
    return new BerthException(ErrorKind.NOT_FOUND, what + ": not found");
  }

  static BerthException alreadyExists(String what) {
    return new BerthException(ErrorKind.CONFLICT, what + ": already exists");
  }

  static BerthException invalid(String what, String why) {
    return new BerthException(ErrorKind.INVALID_INPUT, what + ": " + why);
  }

  static BerthException corrupt(String what, String why) {
    return new BerthException(ErrorKind.FAILED_PRECONDITION, what + ": corrupt: " + why);
  }
}
