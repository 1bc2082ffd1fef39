package dev.berth.compose;

import java.util.ArrayList;
import java.util.List;

/**
 * The path of a key in a compose model ({@code services.app.ports[0]}), and matching against
 * patterns where {@code *} stands for any key and {@code []} for any list index.
 */
record KeyPath(List<String> segments) {

  static final KeyPath ROOT = new KeyPath(List.of());

  KeyPath {
    segments = List.copyOf(segments);
  }

  static KeyPath of(String dotted) {
    return dotted.isEmpty() ? ROOT : new KeyPath(List.of(dotted.split("\\.")));
  }

  KeyPath key(String key) {
    List<String> s = new ArrayList<>(segments);
    s.add(key);
    return new KeyPath(s);
  }

  KeyPath index(int i) {
    List<String> s = new ArrayList<>(segments);
    s.add("[" + i + "]");
    return new KeyPath(s);
  }

  int size() {
    return segments.size();
  }

  String last() {
    return segments.isEmpty() ? "" : segments.get(segments.size() - 1);
  }

  KeyPath parent() {
    return segments.isEmpty() ? this : new KeyPath(segments.subList(0, segments.size() - 1));
  }

  boolean matches(String pattern) {
    String[] parts = pattern.isEmpty() ? new String[0] : pattern.split("\\.");
    if (parts.length != segments.size()) {
      return false;
    }
    for (int i = 0; i < parts.length; i++) {
      String seg = segments.get(i);
      boolean isIndex = seg.startsWith("[");
      String p = parts[i];
      if (p.equals("[]")) {
        if (!isIndex) {
          return false;
        }
      } else if (p.equals("*")) {
        if (isIndex) {
          return false;
        }
      } else if (!p.equals(seg)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (String s : segments) {
      if (b.length() > 0 && !s.startsWith("[")) {
        b.append('.');
      }
      b.append(s);
    }
    return b.toString();
  }
}
