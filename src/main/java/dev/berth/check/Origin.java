package dev.berth.check;

import java.util.Locale;

/** Where a rule comes from: BuildKit's build checks (same names and wording), or berth's own. */
public enum Origin {
  BUILDKIT,
  BERTH;

  /** {@code buildkit} or {@code berth}, as the JSON and SARIF reports write it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
