package dev.berth.diag;

import java.util.Locale;

/** How bad a {@link Diagnostic} is. */
public enum Severity {
  ERROR,
  WARNING,
  INFO;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
