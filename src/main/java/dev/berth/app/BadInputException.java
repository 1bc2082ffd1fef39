package dev.berth.app;

import java.io.IOException;

/**
 * The user asked for something that cannot be: an image that is not there, a file in no known
 * format, a malformed name. The CLI shows the message and exits 2.
 */
public final class BadInputException extends IOException {
  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }

  public BadInputException(String message) {
    super(message);
  }
}
