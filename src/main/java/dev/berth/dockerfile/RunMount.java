package dev.berth.dockerfile;

import dev.berth.diag.BerthException;
import dev.berth.diag.SourceRange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One {@code RUN --mount=type=...,key=value,...} spec, its keys checked for its type.
 *
 * @param options every key as written (aliases such as {@code dst} mapped to {@code target}), in
 *     order; values unexpanded until {@link #expand}
 */
public record RunMount(String type, Map<String, String> options) {

  private static final Map<String, Set<String>> KEYS =
      Map.of(
          "bind", Set.of("target", "source", "from", "rw", "readonly"),
          "cache",
              Set.of(
                  "target",
                  "source",
                  "from",
                  "id",
                  "sharing",
                  "mode",
                  "uid",
                  "gid",
                  "readonly",
                  "rw"),
          "tmpfs", Set.of("target", "size"),
          "secret", Set.of("target", "id", "env", "required", "mode", "uid", "gid"),
          "ssh", Set.of("target", "id", "required", "mode", "uid", "gid"));

  private static final Map<String, String> ALIASES =
      Map.of(
          "dst", "target",
          "destination", "target",
          "src", "source",
          "ro", "readonly",
          "readwrite", "rw");

  public RunMount {
    Objects.requireNonNull(type, "type");
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }

  /** Parses the value of one {@code --mount} flag. */
  static RunMount parse(String spec, SourceRange range) throws BerthException {
    Map<String, String> options = new LinkedHashMap<>();
    String type = "bind";
    for (String field : splitFields(spec, range)) {
      int eq = field.indexOf('=');
      String key = (eq < 0 ? field : field.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
      String value = eq < 0 ? "" : field.substring(eq + 1);
      if (key.equals("type")) {
        type = value.toLowerCase(Locale.ROOT);
        if (!KEYS.containsKey(type)) {
          throw BerthException.error(
              "bad-mount",
              "RUN --mount: unknown mount type '"
                  + value
                  + "' (expected bind, cache, tmpfs, secret or ssh)",
              range);
        }
        continue;
      }
      key = ALIASES.getOrDefault(key, key);
      if (eq < 0 && !key.equals("readonly") && !key.equals("rw") && !key.equals("required")) {
        throw BerthException.error(
            "bad-mount", "RUN --mount: '" + field + "' needs a value (" + key + "=...)", range);
      }
      if (options.put(key, eq < 0 ? "true" : value) != null) {
        throw BerthException.error(
            "bad-mount", "RUN --mount: key '" + key + "' given twice", range);
      }
    }
    Set<String> allowed = KEYS.get(type);
    for (String key : options.keySet()) {
      if (!allowed.contains(key)) {
        throw BerthException.error(
            "bad-mount",
            "RUN --mount: unexpected key '"
                + key
                + "' for type="
                + type
                + " (expected "
                + String.join(", ", new TreeSet<>(allowed))
                + ")",
            range);
      }
    }
    // No target is no error: BuildKit mounts at the working directory (RunMounts resolves it).
    if (type.equals("cache") && options.containsKey("sharing")) {
      String sharing = options.get("sharing");
      if (!Set.of("shared", "private", "locked").contains(sharing) && !sharing.contains("$")) {
        throw BerthException.error(
            "bad-mount",
            "RUN --mount: sharing must be shared, private or locked, not '" + sharing + "'",
            range);
      }
    }
    return new RunMount(type, options);
  }

  /** Splits on commas, honouring double quotes as a CSV reader does. */
  private static List<String> splitFields(String spec, SourceRange range) throws BerthException {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < spec.length(); i++) {
      char c = spec.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < spec.length() && spec.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == ',' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw BerthException.error(
          "bad-mount", "RUN --mount: unterminated quote in '" + spec + "'", range);
    }
    out.add(cur.toString());
    out.removeIf(String::isBlank);
    return out;
  }

  public Optional<String> option(String key) {
    return Optional.ofNullable(options.get(key));
  }

  /** The stage or image a bind or cache mount reads from, if any. */
  public Optional<String> from() {
    return option("from");
  }

  RunMount expand(WordExpander e, SourceRange range) throws BerthException {
    Map<String, String> expanded = new LinkedHashMap<>();
    for (Map.Entry<String, String> o : options.entrySet()) {
      expanded.put(o.getKey(), e.word(o.getValue()));
    }
    RunMount m = new RunMount(type, expanded);
    if (type.equals("cache") && m.options.containsKey("sharing")) {
      String sharing = m.options.get("sharing");
      if (!Set.of("shared", "private", "locked").contains(sharing)) {
        throw BerthException.error(
            "bad-mount",
            "RUN --mount: sharing must be shared, private or locked, not '" + sharing + "'",
            range);
      }
    }
    return m;
  }

  /** The spec as written in a Dockerfile. */
  public String display() {
    StringBuilder sb = new StringBuilder("type=").append(type);
    options.forEach((k, v) -> sb.append(',').append(k).append('=').append(v));
    return sb.toString();
  }
}
