package dev.berth.compose;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Unmodifiable copies sorted by key, the order compose renders maps in. */
final class Sorted {
  private Sorted() {}

  static <V> SortedMap<String, V> map(Map<String, V> m) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(m));
  }

  static SortedSet<String> set(Collection<String> s) {
    return Collections.unmodifiableSortedSet(new TreeSet<>(s));
  }
}
