package dev.berth.plan.op;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code RUN --mount}: its type ({@code bind}, {@code cache}, {@code tmpfs}, {@code secret},
 * {@code ssh}) and its options after expansion ({@code target}, {@code source}, {@code from},
 * {@code id}, ...).
 *
 * @param fromStage the stage a bind or cache mount reads from, when {@code from} names one
 */
public record MountRequest(String type, Map<String, String> options, Optional<Integer> fromStage) {

  public MountRequest {
    Objects.requireNonNull(type, "type");
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    Objects.requireNonNull(fromStage, "fromStage");
  }

  public Optional<String> option(String key) {
    return Optional.ofNullable(options.get(key));
  }

  /** A flag such as {@code rw} or {@code required}: present without a value, or true. */
  public boolean flag(String key) {
    String v = options.get(key);
    return v != null && (v.isEmpty() || v.equals("true") || v.equals("1"));
  }

  /** The spec as written: {@code type=cache,target=/root/.cache}. */
  public String display() {
    StringBuilder sb = new StringBuilder("type=").append(type);
    options.forEach((k, v) -> sb.append(',').append(k).append('=').append(v));
    return sb.toString();
  }
}
