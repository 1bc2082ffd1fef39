package dev.berth.devcontainer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/** A line of /etc/passwd or /etc/group, split at its colons; other lines are kept as they are. */
final class EtcEntry {

  private final String[] fields;

  private EtcEntry(String[] fields) {
    this.fields = fields;
  }

  String name() {
    return fields[0];
  }

  String field(int i) {
    return i < fields.length ? fields[i] : "";
  }

  Optional<Integer> intField(int i) {
    String s = field(i);
    if (s.isEmpty() || !s.chars().allMatch(Character::isDigit) || s.length() > 9) {
      return Optional.empty();
    }
    return Optional.of(Integer.parseInt(s));
  }

  /** The UID of a passwd line, the GID of a group line. */
  Optional<Integer> id() {
    return intField(2);
  }

  EtcEntry withInt(int i, int value) {
    String[] f = fields.clone();
    f[i] = Integer.toString(value);
    return new EtcEntry(f);
  }

  /** The same line: equal fields (a parse of the same text gives equal entries, not the same). */
  boolean same(EtcEntry other) {
    return Arrays.equals(fields, other.fields);
  }

  String text() {
    return String.join(":", fields);
  }

  /** The entries of a file whose lines have at least {@code minFields} fields. */
  static List<EtcEntry> parse(String text, int minFields) {
    List<EtcEntry> out = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      EtcEntry e = of(stripCr(line), minFields);
      if (e != null) {
        out.add(e);
      }
    }
    return out;
  }

  private static EtcEntry of(String line, int minFields) {
    if (line.isEmpty() || line.startsWith("#") || line.startsWith("+") || line.startsWith("-")) {
      return null;
    }
    String[] f = line.split(":", -1);
    return f.length >= minFields ? new EtcEntry(f) : null;
  }

  private static String stripCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  /** The file with the matching entries rewritten and every other byte as it was. */
  static String rewrite(
      String text, int minFields, Predicate<EtcEntry> which, Function<EtcEntry, EtcEntry> change) {
    StringBuilder out = new StringBuilder();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      boolean cr = line.endsWith("\r");
      EtcEntry e = of(stripCr(line), minFields);
      if (e != null && which.test(e)) {
        line = change.apply(e).text() + (cr ? "\r" : "");
      }
      out.append(line);
      if (i < lines.length - 1) {
        out.append('\n');
      }
    }
    return out.toString();
  }
}
