package dev.berth.dockerfile;

import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The {@code --name[=value]} flags of one instruction, checked against what it accepts. */
final class Flags {

  /** What a flag takes. */
  enum Kind {
    /** {@code --from=x}: exactly one value. */
    STRING,
    /** {@code --link} or {@code --link=true|false}. */
    BOOL,
    /** {@code --mount=...}: may repeat. */
    LIST
  }

  private final Map<String, String> strings = new LinkedHashMap<>();
  private final Map<String, Boolean> bools = new LinkedHashMap<>();
  private final Map<String, List<String>> lists = new LinkedHashMap<>();

  private Flags() {}

  static Flags parse(
      String keyword, List<String> raw, Map<String, Kind> accepted, SourceRange range)
      throws BerthException {
    Flags flags = new Flags();
    for (String arg : raw) {
      if (!arg.startsWith("--")) {
        throw BerthException.error("bad-flag", keyword + ": malformed flag '" + arg + "'", range);
      }
      String body = arg.substring(2);
      int eq = body.indexOf('=');
      String name = eq < 0 ? body : body.substring(0, eq);
      Optional<String> value = eq < 0 ? Optional.empty() : Optional.of(body.substring(eq + 1));
      Kind kind = accepted.get(name);
      if (kind == null) {
        String known =
            accepted.isEmpty()
                ? keyword + " takes no flags"
                : "expected one of --" + String.join(", --", new TreeSet<>(accepted.keySet()));
        throw BerthException.error(
            "unknown-flag", keyword + ": unknown flag --" + name + " (" + known + ")", range);
      }
      switch (kind) {
        case STRING -> {
          if (value.isEmpty()) {
            throw BerthException.error(
                "bad-flag",
                keyword + ": flag --" + name + " needs a value (--" + name + "=...)",
                range);
          }
          if (flags.strings.put(name, value.get()) != null) {
            throw BerthException.error(
                "duplicate-flag", keyword + ": flag --" + name + " given twice", range);
          }
        }
        case BOOL -> {
          boolean b = parseBool(keyword, name, value, range);
          if (flags.bools.put(name, b) != null) {
            throw BerthException.error(
                "duplicate-flag", keyword + ": flag --" + name + " given twice", range);
          }
        }
        case LIST -> {
          if (value.isEmpty()) {
            throw BerthException.error(
                "bad-flag",
                keyword + ": flag --" + name + " needs a value (--" + name + "=...)",
                range);
          }
          flags.lists.computeIfAbsent(name, k -> new ArrayList<>()).add(value.get());
        }
      }
    }
    return flags;
  }

  private static boolean parseBool(
      String keyword, String name, Optional<String> value, SourceRange range)
      throws BerthException {
    if (value.isEmpty()) {
      return true;
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default ->
          throw BerthException.error(
              "bad-flag",
              keyword + ": flag --" + name + " expects true or false, not '" + value.get() + "'",
              range);
    };
  }

  Optional<String> string(String name) {
    return Optional.ofNullable(strings.get(name));
  }

  boolean bool(String name) {
    return bools.getOrDefault(name, false);
  }

  List<String> list(String name) {
    return List.copyOf(lists.getOrDefault(name, List.of()));
  }
}
