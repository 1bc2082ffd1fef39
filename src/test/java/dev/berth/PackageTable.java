package dev.berth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The package table of docs/ARCHITECTURE.md: which {@code dev.berth} package may import which.
 *
 * <p>Package names are relative to {@code dev.berth} ("dockerfile.syntax"). A code package belongs
 * to the longest table package that equals it or is its parent, so an unlisted sub-package such as
 * {@code store.snapshot} is part of {@code store}, while a listed one such as {@code
 * dockerfile.syntax} is a package of its own.
 */
final class PackageTable {
  static final String ROOT = "dev.berth";

  private static final String EVERYTHING_ABOVE = "everything above";

  private final Map<String, Set<String>> mayUse;

  private PackageTable(Map<String, Set<String>> mayUse) {
    this.mayUse = mayUse;
  }

  /** The packages of the table, in table order. */
  List<String> packages() {
    return List.copyOf(mayUse.keySet());
  }

  /** The packages that {@code pkg} may import besides itself. */
  Set<String> mayUse(String pkg) {
    Set<String> uses = mayUse.get(pkg);
    if (uses == null) {
      throw new IllegalArgumentException("not in the table: " + pkg);
    }
    return uses;
  }

  /**
   * The table package that owns a Java package such as {@code dev.berth.store.snapshot}, or empty
   * when the table has no row for it or its parents.
   */
  Optional<String> ownerOf(String javaPackage) {
    if (!javaPackage.startsWith(ROOT + ".")) {
      return Optional.empty();
    }
    String relative = javaPackage.substring(ROOT.length() + 1);
    String best = null;
    for (String pkg : mayUse.keySet()) {
      boolean owns = relative.equals(pkg) || relative.startsWith(pkg + ".");
      if (owns && (best == null || pkg.length() > best.length())) {
        best = pkg;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Whether code in table package {@code from} may import code in table package {@code to}. */
  boolean allows(String from, String to) {
    return from.equals(to) || mayUse(from).contains(to);
  }

  /**
   * Reads the table whose header has a "package" and a "may use" column.
   *
   * @throws IllegalArgumentException if there is no such table, a row is malformed, or a "may use"
   *     cell names a package the table does not have
   */
  static PackageTable parse(String markdown) {
    List<String> lines = markdown.lines().toList();
    int header = -1;
    int packageColumn = -1;
    int mayUseColumn = -1;
    for (int i = 0; i < lines.size() && header < 0; i++) {
      List<String> cells = cells(lines.get(i));
      for (int c = 0; c < cells.size(); c++) {
        String name = cells.get(c).toLowerCase(Locale.ROOT);
        if (name.equals("package")) {
          packageColumn = c;
        } else if (name.equals("may use")) {
          mayUseColumn = c;
        }
      }
      if (packageColumn >= 0 && mayUseColumn >= 0) {
        header = i;
      } else {
        packageColumn = -1;
        mayUseColumn = -1;
      }
    }
    if (header < 0) {
      throw new IllegalArgumentException("no table with 'package' and 'may use' columns");
    }

    // Raw cells first: "may use" may name rows further down (check uses compose).
    Map<String, List<String>> raw = new LinkedHashMap<>();
    for (int i = header + 2; i < lines.size() && lines.get(i).trim().startsWith("|"); i++) {
      List<String> cells = cells(lines.get(i));
      if (cells.size() <= Math.max(packageColumn, mayUseColumn)) {
        throw new IllegalArgumentException("short table row: " + lines.get(i));
      }
      String pkg = unquote(cells.get(packageColumn));
      if (pkg.isEmpty() || raw.containsKey(pkg)) {
        throw new IllegalArgumentException("empty or repeated package in row: " + lines.get(i));
      }
      raw.put(pkg, entries(cells.get(mayUseColumn)));
    }
    if (raw.isEmpty()) {
      throw new IllegalArgumentException("the package table has no rows");
    }

    Map<String, Set<String>> resolved = new LinkedHashMap<>();
    List<String> above = new ArrayList<>();
    for (Map.Entry<String, List<String>> row : raw.entrySet()) {
      Set<String> uses = new LinkedHashSet<>();
      for (String entry : row.getValue()) {
        if (entry.equalsIgnoreCase(EVERYTHING_ABOVE)) {
          uses.addAll(above);
        } else if (entry.endsWith("*")) {
          String stem = entry.substring(0, entry.length() - 1);
          List<String> matched =
              raw.keySet().stream()
                  .filter(p -> p.equals(stem) || p.startsWith(stem + "."))
                  .toList();
          if (matched.isEmpty()) {
            throw new IllegalArgumentException(row.getKey() + " may use unknown " + entry);
          }
          uses.addAll(matched);
        } else if (raw.containsKey(entry)) {
          uses.add(entry);
        } else {
          throw new IllegalArgumentException(row.getKey() + " may use unknown " + entry);
        }
      }
      uses.remove(row.getKey());
      resolved.put(row.getKey(), Set.copyOf(uses));
      above.add(row.getKey());
    }
    return new PackageTable(resolved);
  }

  /** The cells of a markdown table row, trimmed; empty for a line that is not a row. */
  private static List<String> cells(String line) {
    String trimmed = line.trim();
    if (!trimmed.startsWith("|")) {
      return List.of();
    }
    String inner =
        trimmed.substring(1, trimmed.endsWith("|") ? trimmed.length() - 1 : trimmed.length());
    List<String> cells = new ArrayList<>();
    for (String cell : inner.split("\\|", -1)) {
      cells.add(cell.trim());
    }
    return cells;
  }

  /** The comma-separated entries of a "may use" cell; a dash means none. */
  private static List<String> entries(String cell) {
    String text = cell.trim();
    if (text.isEmpty() || text.equals("—") || text.equals("-") || text.equals("–")) {
      return List.of();
    }
    List<String> entries = new ArrayList<>();
    for (String part : text.split(",")) {
      String entry = unquote(part);
      if (!entry.isEmpty()) {
        entries.add(entry);
      }
    }
    return entries;
  }

  private static String unquote(String text) {
    return text.replace("`", "").trim();
  }
}
