package dev.berth.scaffold;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The distribution name and extras of a PEP 508 requirement ({@code uvicorn[standard]>=0.30}). */
final class Pep508 {

  private static final Pattern REQUIREMENT =
      Pattern.compile("\\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\\s*(?:\\[([^]]*)])?.*");

  private Pep508() {}

  /** The normalised name (PEP 503: lower case, runs of {@code -_.} as one {@code -}). */
  static Optional<String> name(String requirement) {
    Matcher m = REQUIREMENT.matcher(requirement);
    return m.matches() ? Optional.of(normalize(m.group(1))) : Optional.empty();
  }

  /** The extras named in brackets, normalised. */
  static Set<String> extras(String requirement) {
    Matcher m = REQUIREMENT.matcher(requirement);
    Set<String> out = new LinkedHashSet<>();
    if (m.matches() && m.group(2) != null) {
      for (String e : m.group(2).split(",")) {
        if (!e.isBlank()) {
          out.add(normalize(e.strip()));
        }
      }
    }
    return out;
  }

  static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
  }
}
