package dev.berth.compose;

import dev.berth.diag.SourceRange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML mapping with string keys, in file order; each key keeps its own position. */
record YMap(Map<String, Entry> entries, SourceRange range, String tag) implements YNode {

  /** One key and its value. */
  record Entry(YScalar key, YNode value) {}

  YMap {
    entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  YMap(Map<String, Entry> entries, SourceRange range) {
    this(entries, range, null);
  }

  static YMap empty(SourceRange range) {
    return new YMap(Map.of(), range);
  }

  YNode get(String key) {
    Entry e = entries.get(key);
    return e == null ? null : e.value();
  }

  boolean has(String key) {
    return entries.containsKey(key);
  }

  /** The position of a key, or of the mapping when the key is missing. */
  SourceRange keyRange(String key) {
    Entry e = entries.get(key);
    return e == null ? range : e.key().range();
  }

  List<String> keys() {
    return new ArrayList<>(entries.keySet());
  }

  /** A copy with {@code key} set to {@code value} (appended when new, replaced in place if not). */
  YMap with(String key, YNode value) {
    LinkedHashMap<String, Entry> copy = new LinkedHashMap<>(entries);
    Entry old = copy.get(key);
    YScalar k = old != null ? old.key() : YScalar.string(key, value.range());
    copy.put(key, new Entry(k, value));
    return new YMap(copy, range, tag);
  }

  YMap without(String key) {
    if (!entries.containsKey(key)) {
      return this;
    }
    LinkedHashMap<String, Entry> copy = new LinkedHashMap<>(entries);
    copy.remove(key);
    return new YMap(copy, range, tag);
  }

  @Override
  public YMap untagged() {
    return tag == null ? this : new YMap(entries, range, null);
  }

  @Override
  public String kindName() {
    return "a mapping";
  }
}
