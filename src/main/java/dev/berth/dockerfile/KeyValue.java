package dev.berth.dockerfile;

import java.util.Objects;

/** A {@code key=value} pair of ENV or LABEL. */
public record KeyValue(String key, String value) {
  public KeyValue {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }
}
