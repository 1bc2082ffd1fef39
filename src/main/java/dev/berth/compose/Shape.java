package dev.berth.compose;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** What a value of a compose file may look like: the pieces {@link ComposeSchema} is made of. */
sealed interface Shape {

  /** A scalar of one of some kinds, optionally limited to some values. */
  record Scalar(Set<YScalar.Kind> kinds, List<String> allowed) implements Shape {
    public Scalar {
      kinds = Set.copyOf(kinds);
      allowed = List.copyOf(allowed);
    }
  }

  /** A list whose items have one shape. */
  record ListOf(Shape items, boolean unique) implements Shape {}

  /**
   * A mapping with known keys; {@code others} (when not null) is the shape of any other key whose
   * name matches {@code otherKeys}; {@code x-} keys are allowed where {@code extensions} is set.
   */
  record Obj(
      Map<String, Shape> keys,
      Pattern otherKeys,
      Shape others,
      String otherKeysRule,
      boolean extensions,
      List<String> required)
      implements Shape {
    public Obj {
      keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
      required = List.copyOf(required);
    }

    Obj require(String... names) {
      return new Obj(keys, otherKeys, others, otherKeysRule, extensions, List.of(names));
    }

    Obj noExtensions() {
      return new Obj(keys, otherKeys, others, otherKeysRule, false, required);
    }
  }

  /** One of several shapes, told apart by the kind of node. */
  record OneOf(List<Shape> options) implements Shape {
    public OneOf {
      options = List.copyOf(options);
    }
  }

  /** Anything (the contents of extension keys, free-form driver options). */
  record Any() implements Shape {}

  static Shape kinds(YScalar.Kind first, YScalar.Kind... rest) {
    return new Scalar(EnumSet.of(first, rest), List.of());
  }

  static Shape str() {
    return kinds(YScalar.Kind.STRING);
  }

  static Shape integer() {
    return kinds(YScalar.Kind.INT);
  }

  static Shape number() {
    return kinds(YScalar.Kind.INT, YScalar.Kind.FLOAT);
  }

  static Shape bool() {
    return kinds(YScalar.Kind.BOOL);
  }

  static Shape oneOfValues(String... values) {
    return new Scalar(EnumSet.of(YScalar.Kind.STRING), List.of(values));
  }

  static Shape list(Shape items) {
    return new ListOf(items, false);
  }

  static Shape uniqueList(Shape items) {
    return new ListOf(items, true);
  }

  static Shape oneOf(Shape... options) {
    return new OneOf(List.of(options));
  }

  static Shape any() {
    return new Any();
  }

  /** A closed mapping: pairs of key name and shape; {@code x-} keys allowed. */
  static Obj obj(Object... keysAndShapes) {
    Map<String, Shape> keys = new LinkedHashMap<>();
    for (int i = 0; i < keysAndShapes.length; i += 2) {
      keys.put((String) keysAndShapes[i], (Shape) keysAndShapes[i + 1]);
    }
    return new Obj(keys, null, null, null, true, List.of());
  }

  /** A mapping with free keys matching {@code keyPattern}, each holding {@code value}. */
  static Obj dict(String keyPattern, String rule, Shape value) {
    return new Obj(Map.of(), Pattern.compile(keyPattern), value, rule, false, List.of());
  }

  /** A mapping with any keys. */
  static Obj dict(Shape value) {
    return dict(".+", "a key", value);
  }
}
