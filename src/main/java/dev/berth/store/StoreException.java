package dev.berth.store;

import java.io.IOException;
import java.util.Objects;

/** A store operation failed for a reason the caller can act on; the message names the object. */
public final class StoreException extends IOException {

  /** The few ways a store operation fails. */
  public enum Kind {
    NOT_FOUND,
    ALREADY_EXISTS,
    INVALID_ARGUMENT,
    FAILED_PRECONDITION,
    CORRUPT
  }

  private final Kind kind;

  public StoreException(Kind kind, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public StoreException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public Kind kind() {
    return kind;
  }

  static StoreException notFound(String what) {
    return new StoreException(Kind.NOT_FOUND, what + ": not found");
  }

  static StoreException alreadyExists(String what) {
    return new StoreException(Kind.ALREADY_EXISTS, what + ": already exists");
  }

  static StoreException invalid(String what, String why) {
    return new StoreException(Kind.INVALID_ARGUMENT, what + ": " + why);
  }

  static StoreException corrupt(String what, String why) {
    return new StoreException(Kind.CORRUPT, what + ": corrupt: " + why);
  }
}
