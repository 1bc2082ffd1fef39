package dev.berth.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code WWW-Authenticate} headers (RFC 7235) leniently: several challenges in one header,
 * quoted values with escapes and commas inside them, unquoted values, stray spaces and commas.
 * Registries differ in all of these, so nothing here throws; what cannot be read is skipped.
 */
final class WwwAuthenticate {

  private final String s;
  private int i;

  private WwwAuthenticate(String s) {
    this.s = s;
  }

  /** The challenges in the header values, in order. */
  static List<Challenge> parse(List<String> headerValues) {
    List<Challenge> out = new ArrayList<>();
    for (String v : headerValues) {
      out.addAll(parse(v));
    }
    return out;
  }

  static List<Challenge> parse(String header) {
    return new WwwAuthenticate(header == null ? "" : header).challenges();
  }

  private List<Challenge> challenges() {
    List<Challenge> out = new ArrayList<>();
    skipSeparators();
    while (i < s.length()) {
      String scheme = token();
      if (scheme.isEmpty()) {
        i++; // a character no token may hold: skip it rather than loop forever
        skipSeparators();
        continue;
      }
      Map<String, String> params = new LinkedHashMap<>();
      while (true) {
        skipSpaces();
        int mark = i;
        String name = token();
        skipSpaces();
        if (name.isEmpty() || i >= s.length() || s.charAt(i) != '=') {
          // Not a parameter: either the end, or the scheme of the next challenge.
          i = mark;
          break;
        }
        i++; // '='
        skipSpaces();
        params.put(name, value());
        skipSpaces();
        if (i < s.length() && s.charAt(i) == ',') {
          i++;
          continue;
        }
        break;
      }
      out.add(new Challenge(scheme, params));
      skipSeparators();
    }
    return out;
  }

  private String value() {
    if (i < s.length() && s.charAt(i) == '"') {
      i++;
      StringBuilder b = new StringBuilder();
      while (i < s.length() && s.charAt(i) != '"') {
        char c = s.charAt(i++);
        if (c == '\\' && i < s.length()) {
          c = s.charAt(i++);
        }
        b.append(c);
      }
      i++; // closing quote, if any
      return b.toString();
    }
    int start = i;
    while (i < s.length() && s.charAt(i) != ',' && !Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return s.substring(start, i);
  }

  private String token() {
    int start = i;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '=' || c == ',' || c == '"' || Character.isWhitespace(c)) {
        break;
      }
      i++;
    }
    return s.substring(start, i);
  }

  private void skipSpaces() {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
  }

  private void skipSeparators() {
    while (i < s.length() && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
      i++;
    }
  }
}
