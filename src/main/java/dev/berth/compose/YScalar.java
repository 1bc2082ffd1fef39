package dev.berth.compose;

import dev.berth.diag.SourceRange;
import java.util.Objects;

/** A scalar: its text and the type YAML 1.2's core schema (or a cast) gave it. */
record YScalar(String value, Kind kind, SourceRange range, String tag) implements YNode {

  /** The types a scalar can have. */
  enum Kind {
    STRING,
    INT,
    FLOAT,
    BOOL,
    NULL
  }

  YScalar {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(range, "range");
  }

  static YScalar string(String value, SourceRange range) {
    return new YScalar(value, Kind.STRING, range, null);
  }

  static YScalar nul(SourceRange range) {
    return new YScalar("", Kind.NULL, range, null);
  }

  boolean isNull() {
    return kind == Kind.NULL;
  }

  boolean isString() {
    return kind == Kind.STRING;
  }

  YScalar withValue(String newValue, Kind newKind) {
    return new YScalar(newValue, newKind, range, tag);
  }

  /** The boolean value of a BOOL scalar (YAML 1.2 core: true/True/TRUE). */
  boolean booleanValue() {
    return value.equalsIgnoreCase("true");
  }

  @Override
  public YScalar untagged() {
    return tag == null ? this : new YScalar(value, kind, range, null);
  }

  @Override
  public String kindName() {
    return switch (kind) {
      case STRING -> "a string";
      case INT -> "an integer";
      case FLOAT -> "a number";
      case BOOL -> "a boolean";
      case NULL -> "null";
    };
  }
}
