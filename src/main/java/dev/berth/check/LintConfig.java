package dev.berth.check;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The {@code # check=skip=A,B;error=true;experimental=C} directive (or the {@code
 * BUILDKIT_DOCKERFILE_CHECK} build arg, which replaces it), read as BuildKit reads it.
 *
 * @param skip the rules switched off; BuildKit's skip applies to berth's rules too
 * @param error true when every finding should be an error
 * @param experimental the experimental rules switched on
 */
record LintConfig(
    Set<String> skip,
    boolean skipAll,
    boolean error,
    Set<String> experimental,
    boolean experimentalAll) {

  static final LintConfig NONE = new LintConfig(Set.of(), false, false, Set.of(), false);

  /** Thrown for a directive BuildKit would refuse; the message is BuildKit's. */
  static final class InvalidException extends Exception {
    InvalidException(String message) {
      super(message);
    }
  }

  static LintConfig parse(String text) throws InvalidException {
    String t = text.strip();
    if (t.isEmpty()) {
      return NONE;
    }
    Set<String> skip = new LinkedHashSet<>();
    Set<String> experimental = new LinkedHashSet<>();
    boolean skipAll = false;
    boolean error = false;
    boolean experimentalAll = false;
    // BuildKit splits into at most three parts, so a fourth option stays in the third's value.
    for (String part : t.split(";", 3)) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        throw new InvalidException("invalid check option \"" + part + "\"");
      }
      String key = part.substring(0, eq).strip();
      String value = part.substring(eq + 1).strip();
      switch (key) {
        case "skip" -> {
          if (value.equals("all")) {
            skipAll = true;
          } else {
            for (String r : value.split(",", -1)) {
              skip.add(r.strip());
            }
          }
        }
        case "experimental" -> {
          if (value.equals("all")) {
            experimentalAll = true;
          } else {
            for (String r : value.split(",", -1)) {
              experimental.add(r.strip());
            }
          }
        }
        case "error" -> error = parseBool(part, value);
        default -> throw new InvalidException("invalid check option \"" + key + "\"");
      }
    }
    return new LintConfig(skip, skipAll, error, experimental, experimentalAll);
  }

  /** Go's {@code strconv.ParseBool}. */
  private static boolean parseBool(String part, String v) throws InvalidException {
    switch (v) {
      case "1", "t", "T", "TRUE", "true", "True":
        return true;
      case "0", "f", "F", "FALSE", "false", "False":
        return false;
      default:
        throw new InvalidException(
            "failed to parse check option \""
                + part
                + "\": strconv.ParseBool: parsing "
                + Quotes.go(v)
                + ": invalid syntax");
    }
  }

  /** Whether a finding of this rule is reported. */
  boolean runs(Rule rule) {
    if (rule.experimental()) {
      return experimentalAll || experimental.contains(rule.name());
    }
    return !skipAll && !skip.contains(rule.name());
  }
}
