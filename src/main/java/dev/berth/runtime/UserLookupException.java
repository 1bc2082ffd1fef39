package dev.berth.runtime;

import java.io.IOException;

/** A user or group named in a {@link UserSpec} that the root's passwd or group file lacks. */
public final class UserLookupException extends IOException {

  private static final long serialVersionUID = 1L;

  public UserLookupException(String message) {
    super(message);
  }
}
