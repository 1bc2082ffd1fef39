package dev.berth.registry;

import java.io.IOException;
import java.util.Objects;

/**
 * A registry operation failed. The message names the registry, the repository, the step and, when
 * the registry sent one, its own error code ({@code MANIFEST_UNKNOWN}, {@code DENIED}, ...).
 */
public final class RegistryException extends IOException {

  /** How the caller should treat the failure. */
  public enum Kind {
    /** The registry does not have what was asked for. */
    NOT_FOUND,
    /** Credentials are missing or were refused. */
    UNAUTHORIZED,
    /** The registry refused the request for another reason (a bad manifest, a bad digest). */
    REJECTED,
    /** The registry could not be reached, or kept failing after retries. */
    UNAVAILABLE
  }

  private final Kind kind;
  private final String code;

  RegistryException(Kind kind, String code, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.code = Objects.requireNonNull(code, "code");
  }

  RegistryException(Kind kind, String code, String message) {
    this(kind, code, message, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The registry's error code, or the HTTP status as text, or empty when nothing was received. */
  public String code() {
    return code;
  }
}
