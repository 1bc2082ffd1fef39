package dev.berth.registry;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** One authentication challenge from a {@code WWW-Authenticate} header: a scheme and its params. */
record Challenge(String scheme, Map<String, String> params) {

  Challenge {
    scheme = Objects.requireNonNull(scheme, "scheme").toLowerCase(Locale.ROOT);
    TreeMap<String, String> lower = new TreeMap<>();
    params.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    params = Collections.unmodifiableMap(lower);
  }

  /** A parameter by name, case-insensitively. */
  Optional<String> param(String name) {
    return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
  }

  boolean isBearer() {
    return scheme.equals("bearer");
  }

  boolean isBasic() {
    return scheme.equals("basic");
  }
}
