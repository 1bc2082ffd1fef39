package dev.berth.devcontainer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One mount of the dev container, as docker's {@code --mount} describes it.
 *
 * @param source a host path for a bind mount, a volume name (empty for an anonymous volume), and
 *     empty for tmpfs
 * @param options the other {@code --mount} keys that were given (such as {@code bind-propagation},
 *     {@code volume-opt}, {@code tmpfs-size}), by their lowercase names
 */
public record Mount(
    MountType type,
    Optional<String> source,
    String target,
    boolean readOnly,
    Map<String, String> options) {

  private static final Set<String> FLAG_KEYS =
      Set.of("readonly", "ro", "volume-nocopy", "bind-nonrecursive");
  private static final Set<String> OPTION_KEYS =
      Set.of(
          "bind-propagation",
          "bind-nonrecursive",
          "bind-recursive",
          "consistency",
          "volume-nocopy",
          "volume-label",
          "volume-driver",
          "volume-opt",
          "volume-subpath",
          "tmpfs-size",
          "tmpfs-mode");

  public Mount {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    options = Map.copyOf(options);
    if (target.isEmpty()) {
      throw new IllegalArgumentException("a mount needs a target");
    }
  }

  public static Mount bind(String source, String target) {
    return new Mount(MountType.BIND, Optional.of(source), target, false, Map.of());
  }

  public static Mount volume(String name, String target) {
    return new Mount(MountType.VOLUME, Optional.of(name), target, false, Map.of());
  }

  /**
   * Parses docker's {@code --mount} syntax: comma-separated {@code key=value} fields, quoted as CSV
   * where a value holds a comma ({@code "source=/a,b"}).
   *
   * @throws IllegalArgumentException saying what is wrong, for the caller to place
   */
  public static Mount parse(String spec) {
    if (spec.isBlank()) {
      throw new IllegalArgumentException("the mount is empty");
    }
    MountType type = MountType.VOLUME;
    String source = null;
    String target = null;
    boolean readOnly = false;
    Map<String, String> options = new LinkedHashMap<>();
    for (String field : csvFields(spec)) {
      int eq = field.indexOf('=');
      String key = (eq < 0 ? field : field.substring(0, eq)).toLowerCase(Locale.ROOT).strip();
      String value = eq < 0 ? null : field.substring(eq + 1);
      if (value == null && !FLAG_KEYS.contains(key)) {
        throw new IllegalArgumentException("field '" + field + "' must be a key=value pair");
      }
      switch (key) {
        case "type" ->
            type =
                MountType.fromLabel(value)
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "unknown mount type '"
                                    + value
                                    + "' (expected bind, volume or tmpfs)"));
        case "source", "src" -> source = value;
        case "target", "destination", "dst" -> target = value;
        case "readonly", "ro" -> readOnly = flag(key, value);
        default -> {
          if (!OPTION_KEYS.contains(key)) {
            throw new IllegalArgumentException(
                "unknown mount option '"
                    + key
                    + "' (expected type, source, target, readonly or a bind-, volume- or tmpfs-"
                    + " option)");
          }
          options.put(key, value == null ? "true" : value);
        }
      }
    }
    return checked(type, source, target, readOnly, options);
  }

  static Mount checked(
      MountType type, String source, String target, boolean readOnly, Map<String, String> options) {
    if (target == null || target.isEmpty()) {
      throw new IllegalArgumentException("the mount has no target");
    }
    if (!target.startsWith("/")) {
      throw new IllegalArgumentException("the mount target '" + target + "' is not absolute");
    }
    if (type == MountType.BIND) {
      if (source == null || source.isEmpty()) {
        throw new IllegalArgumentException("a bind mount needs a source");
      }
      if (!source.startsWith("/")) {
        throw new IllegalArgumentException(
            "the bind mount source '" + source + "' is not an absolute path");
      }
    }
    if (type == MountType.TMPFS && source != null && !source.isEmpty()) {
      throw new IllegalArgumentException("a tmpfs mount takes no source");
    }
    Optional<String> src =
        source == null || source.isEmpty() ? Optional.empty() : Optional.of(source);
    return new Mount(type, src, target, readOnly, options);
  }

  private static boolean flag(String key, String value) {
    if (value == null) {
      return true;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default ->
          throw new IllegalArgumentException(
              "invalid value for " + key + ": '" + value + "' (expected true or false)");
    };
  }

  /** Go's {@code encoding/csv} reading one record, as docker reads {@code --mount}. */
  static List<String> csvFields(String s) {
    List<String> fields = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int i = 0;
    while (true) {
      cur.setLength(0);
      if (i < s.length() && s.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= s.length()) {
            throw new IllegalArgumentException("a quoted field is not closed");
          }
          char c = s.charAt(i++);
          if (c == '"') {
            if (i < s.length() && s.charAt(i) == '"') {
              cur.append('"');
              i++;
            } else {
              break;
            }
          } else {
            cur.append(c);
          }
        }
        if (i < s.length() && s.charAt(i) != ',') {
          throw new IllegalArgumentException("unexpected text after a quoted field");
        }
      } else {
        while (i < s.length() && s.charAt(i) != ',') {
          char c = s.charAt(i++);
          if (c == '"') {
            throw new IllegalArgumentException("a quote inside an unquoted field");
          }
          cur.append(c);
        }
      }
      fields.add(cur.toString());
      if (i >= s.length()) {
        return fields;
      }
      i++;
    }
  }

  /** The {@code --mount} text for this mount, quoting values that need it. */
  @Override
  public String toString() {
    List<String> fields = new ArrayList<>();
    fields.add("type=" + type.label());
    source.ifPresent(s -> fields.add("source=" + s));
    fields.add("target=" + target);
    if (readOnly) {
      fields.add("readonly");
    }
    options.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> fields.add(e.getKey() + "=" + e.getValue()));
    StringBuilder out = new StringBuilder();
    for (String f : fields) {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(f.contains(",") || f.contains("\"") ? "\"" + f.replace("\"", "\"\"") + "\"" : f);
    }
    return out.toString();
  }
}
