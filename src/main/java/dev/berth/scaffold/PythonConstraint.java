package dev.berth.scaffold;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A constraint on the Python version, as {@code requires-python} (PEP 440: {@code >=3.11,<4},
 * {@code ~=3.12}, {@code ==3.11.*}) or Poetry writes it ({@code ^3.11}, {@code ~3.11}, {@code >=3.9
 * <4}, alternatives joined by {@code ||}); and the version an image should run.
 */
final class PythonConstraint {

  /** The oldest minor release init chooses by itself: older ones are past their end of life. */
  static final int FLOOR_MINOR = 11;

  /** The newest minor release there is an image for. */
  static final int NEWEST_MINOR = 14;

  /** What an image runs when the project says nothing. */
  static final String DEFAULT_VERSION = "3.12";

  private static final Pattern CLAUSE =
      Pattern.compile("(===|==|!=|~=|<=|>=|<|>|\\^|~|=)?\\s*([0-9]+(?:\\.[0-9]+)*)(\\.\\*)?");

  /** One comparison; {@code version} padded to three parts. */
  private record Clause(String op, int[] version, int parts, boolean wildcard) {}

  private final String text;
  private final List<List<Clause>> alternatives;

  private PythonConstraint(String text, List<List<Clause>> alternatives) {
    this.text = text;
    this.alternatives = alternatives;
  }

  /**
   * Parses a constraint.
   *
   * @throws IllegalArgumentException with what was expected, when it is not one
   */
  static PythonConstraint parse(String text) {
    List<List<Clause>> alternatives = new ArrayList<>();
    for (String alternative : text.split("\\|\\|?")) {
      List<Clause> clauses = new ArrayList<>();
      String normalised = alternative.strip().replaceAll("([<>=!~^])\\s+(?=[0-9])", "$1");
      for (String clause : normalised.split("[,\\s]+")) {
        if (clause.isEmpty() || clause.equals("*")) {
          continue;
        }
        clauses.add(clause(clause));
      }
      alternatives.add(clauses);
    }
    return new PythonConstraint(text, alternatives);
  }

  private static Clause clause(String text) {
    Matcher m = CLAUSE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a version clause: expected an operator (>=, <, ==, !=, ~=, ^, ~) and a"
              + " version such as 3.11");
    }
    String[] parts = m.group(2).split("\\.");
    int[] v = new int[3];
    for (int i = 0; i < Math.min(3, parts.length); i++) {
      v[i] = Integer.parseInt(parts[i]);
    }
    String op = m.group(1) == null || m.group(1).equals("=") ? "==" : m.group(1);
    boolean wildcard = m.group(3) != null || (op.equals("==") && m.group(1) == null);
    return new Clause(op, v, Math.min(3, parts.length), wildcard);
  }

  String text() {
    return text;
  }

  /** Whether {@code 3.minor.patch} satisfies the constraint. */
  boolean allows(int major, int minor, int patch) {
    int[] v = {major, minor, patch};
    for (List<Clause> all : alternatives) {
      if (all.stream().allMatch(c -> matches(c, v))) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(Clause c, int[] v) {
    int cmp = compare(v, c.version());
    return switch (c.op()) {
      case "==", "===" -> c.wildcard() ? prefix(v, c) : cmp == 0;
      case "!=" -> c.wildcard() ? !prefix(v, c) : cmp != 0;
      case "<" -> cmp < 0;
      case "<=" -> cmp <= 0;
      case ">" -> cmp > 0;
      case ">=" -> cmp >= 0;
      case "~=" -> cmp >= 0 && prefix(v, c.version(), Math.max(1, c.parts() - 1));
      case "^" -> cmp >= 0 && below(v, caretCeiling(c));
      case "~" -> cmp >= 0 && prefix(v, c.version(), c.parts() == 1 ? 1 : 2);
      default -> throw new AssertionError(c.op());
    };
  }

  private static boolean prefix(int[] v, Clause c) {
    return prefix(v, c.version(), c.parts());
  }

  private static boolean prefix(int[] v, int[] p, int parts) {
    for (int i = 0; i < parts; i++) {
      if (v[i] != p[i]) {
        return false;
      }
    }
    return true;
  }

  /** Poetry's caret: the first non-zero part may not change. */
  private static int[] caretCeiling(Clause c) {
    int[] p = c.version();
    int i = 0;
    while (i < c.parts() - 1 && p[i] == 0) {
      i++;
    }
    int[] ceiling = new int[3];
    System.arraycopy(p, 0, ceiling, 0, i);
    ceiling[i] = p[i] + 1;
    return ceiling;
  }

  private static boolean below(int[] v, int[] ceiling) {
    return compare(v, ceiling) < 0;
  }

  private static int compare(int[] a, int[] b) {
    for (int i = 0; i < 3; i++) {
      if (a[i] != b[i]) {
        return Integer.compare(a[i], b[i]);
      }
    }
    return 0;
  }

  /** Whether some release of {@code 3.minor} satisfies the constraint. */
  boolean allowsMinor(int minor) {
    for (int patch = 0; patch <= 40; patch++) {
      if (allows(3, minor, patch)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The {@code 3.N} an image should run: the oldest the constraint allows that is still maintained
   * (3.11 on), since that is what the project is tested against; if it allows only older ones, the
   * newest of those.
   */
  Optional<String> choose() {
    for (int minor = FLOOR_MINOR; minor <= NEWEST_MINOR; minor++) {
      if (allowsMinor(minor)) {
        return Optional.of("3." + minor);
      }
    }
    for (int minor = FLOOR_MINOR - 1; minor >= 0; minor--) {
      if (allowsMinor(minor)) {
        return Optional.of("3." + minor);
      }
    }
    return Optional.empty();
  }
}
