package dev.berth.compose;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compose nodes as plain Java values: sorted maps, lists, strings, longs, doubles, booleans and
 * null, the way docker compose's generic maps hold them.
 */
final class Plain {
  private Plain() {}

  static Object of(YNode node) {
    if (node instanceof YMap m) {
      TreeMap<String, Object> out = new TreeMap<>();
      for (Map.Entry<String, YMap.Entry> e : m.entries().entrySet()) {
        out.put(e.getKey(), of(e.getValue().value()));
      }
      return Collections.unmodifiableSortedMap(out);
    }
    if (node instanceof YSeq s) {
      List<Object> out = new ArrayList<>();
      for (YNode item : s.items()) {
        out.add(of(item));
      }
      return Collections.unmodifiableList(out);
    }
    YScalar s = (YScalar) node;
    switch (s.kind()) {
      case NULL:
        return null;
      case BOOL:
        return s.booleanValue();
      case INT:
        try {
          return Long.decode(s.value().replace("0o", "0").replace("_", ""));
        } catch (NumberFormatException e) {
          return s.value();
        }
      case FLOAT:
        try {
          return Double.parseDouble(s.value());
        } catch (NumberFormatException e) {
          return s.value();
        }
      default:
        return s.value();
    }
  }

  /** A scalar's text as compose turns values into strings ({@code true}, {@code 1}). */
  static String text(YScalar s) {
    return switch (s.kind()) {
      case BOOL -> Boolean.toString(s.booleanValue());
      case NULL -> "";
      default -> s.value();
    };
  }
}
