package dev.berth.app;

import dev.berth.diag.BerthException;
import dev.berth.image.ImageReference;
import dev.berth.image.LayerCompression;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads BuildKit's cache flag syntax, once, for {@code --cache-from}/{@code --cache-to}, compose's
 * {@code cache_from}/{@code cache_to} and devcontainer.json's {@code build.cacheFrom}: {@code
 * type=registry,ref=REF[,mode=min|max][,ignore-error=true]}, {@code type=local,src=DIR} and {@code
 * type=local,dest=DIR[,mode=...]}; a value without {@code =} is a registry reference. Anything else
 * is bad input naming the value and what berth accepts.
 */
public final class CacheSpecs {

  private static final Set<String> FROM_REGISTRY = Set.of("type", "ref");
  private static final Set<String> FROM_LOCAL = Set.of("type", "src");
  private static final Set<String> TO_REGISTRY =
      Set.of(
          "type",
          "ref",
          "mode",
          "ignore-error",
          "image-manifest",
          "oci-mediatypes",
          "compression",
          "compression-level",
          "force-compression");
  private static final Set<String> TO_LOCAL =
      Set.of(
          "type",
          "dest",
          "mode",
          "ignore-error",
          "compression",
          "compression-level",
          "force-compression");

  private CacheSpecs() {}

  /**
   * A {@code --cache-from} value.
   *
   * @param where the flag or field, for messages ({@code --cache-from})
   */
  public static CacheRef from(String spec, String where) throws BerthException {
    Map<String, String> f = fields(spec, where);
    String type = f.get("type");
    if (type.equals("registry")) {
      known(f, FROM_REGISTRY, spec, where);
      return new CacheRef.Registry(ref(f, spec, where));
    }
    known(f, FROM_LOCAL, spec, where);
    return new CacheRef.Local(Path.of(required(f, "src", spec, where)));
  }

  /** A {@code --cache-to} value. */
  public static CacheTo to(String spec, String where) throws BerthException {
    Map<String, String> f = fields(spec, where);
    String type = f.get("type");
    CacheRef ref;
    if (type.equals("registry")) {
      known(f, TO_REGISTRY, spec, where);
      // berth always writes an OCI image manifest: what these two ask BuildKit for.
      for (String k : List.of("image-manifest", "oci-mediatypes")) {
        if (f.containsKey(k) && !bool(f, k, spec, where)) {
          throw BerthException.invalid(
              where
                  + " '"
                  + spec
                  + "': berth writes the cache as an OCI image manifest only; "
                  + k
                  + "=false is not supported");
        }
      }
      ref = new CacheRef.Registry(ref(f, spec, where));
    } else {
      known(f, TO_LOCAL, spec, where);
      ref = new CacheRef.Local(Path.of(required(f, "dest", spec, where)));
    }
    String mode = f.getOrDefault("mode", "min");
    if (!mode.equals("min") && !mode.equals("max")) {
      throw BerthException.invalid(
          where + " '" + spec + "': mode must be min or max, not '" + mode + "'");
    }
    return new CacheTo(
        ref,
        mode.equals("max"),
        f.containsKey("ignore-error") && bool(f, "ignore-error", spec, where),
        compression(f, spec, where));
  }

  /** BuildKit's {@code compression=}, {@code compression-level=}, {@code force-compression=}. */
  private static LayerCompression compression(Map<String, String> f, String spec, String where)
      throws BerthException {
    boolean force = f.containsKey("force-compression") && bool(f, "force-compression", spec, where);
    if (!f.containsKey("compression") && !f.containsKey("compression-level") && !force) {
      return LayerCompression.DEFAULT;
    }
    Integer level = null;
    if (f.containsKey("compression-level")) {
      try {
        level = Integer.parseInt(f.get("compression-level"));
      } catch (NumberFormatException e) {
        throw BerthException.invalid(
            where
                + " '"
                + spec
                + "': compression-level must be a whole number, not '"
                + f.get("compression-level")
                + "'");
      }
    }
    return LayerCompression.parse(f.get("compression"), level, force, where + " '" + spec + "'");
  }

  /** Every {@code cache_from} and {@code cache_to} of a compose service or devcontainer.json. */
  public static List<CacheRef> fromAll(List<String> specs, String where) throws BerthException {
    List<CacheRef> out = new ArrayList<>();
    for (String s : specs) {
      out.add(from(s, where));
    }
    return out;
  }

  public static List<CacheTo> toAll(List<String> specs, String where) throws BerthException {
    List<CacheTo> out = new ArrayList<>();
    for (String s : specs) {
      out.add(to(s, where));
    }
    return out;
  }

  private static Map<String, String> fields(String spec, String where) throws BerthException {
    String text = spec == null ? "" : spec.trim();
    if (text.isEmpty()) {
      throw BerthException.invalid(where + ": empty value");
    }
    Map<String, String> f = new LinkedHashMap<>();
    if (!text.contains("=")) {
      f.put("type", "registry");
      f.put("ref", text);
      return f;
    }
    for (String part : text.split(",", -1)) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw BerthException.invalid(where + " '" + spec + "': '" + part + "' is not KEY=VALUE");
      }
      String key = part.substring(0, eq).trim();
      if (f.put(key, part.substring(eq + 1).trim()) != null) {
        throw BerthException.invalid(where + " '" + spec + "': " + key + " is given twice");
      }
    }
    String type = f.get("type");
    if (type == null) {
      throw BerthException.invalid(
          where + " '" + spec + "': type is missing (type=registry or type=local)");
    }
    if (!type.equals("registry") && !type.equals("local")) {
      throw BerthException.invalid(
          where
              + " '"
              + spec
              + "': cache type '"
              + type
              + "' is not supported; berth shares caches through type=registry and type=local");
    }
    return f;
  }

  private static void known(Map<String, String> f, Set<String> keys, String spec, String where)
      throws BerthException {
    for (String k : f.keySet()) {
      if (!keys.contains(k)) {
        throw BerthException.invalid(
            where
                + " '"
                + spec
                + "': unknown key '"
                + k
                + "' for type="
                + f.get("type")
                + " (it takes "
                + String.join(", ", keys.stream().filter(x -> !x.equals("type")).sorted().toList())
                + ")");
      }
    }
  }

  private static String required(Map<String, String> f, String key, String spec, String where)
      throws BerthException {
    String v = f.get(key);
    if (v == null || v.isEmpty()) {
      throw BerthException.invalid(
          where + " '" + spec + "': type=" + f.get("type") + " needs " + key + "=");
    }
    return v;
  }

  private static ImageReference ref(Map<String, String> f, String spec, String where)
      throws BerthException {
    String text = required(f, "ref", spec, where);
    try {
      return ImageReference.parse(text);
    } catch (IllegalArgumentException e) {
      throw BerthException.invalid(where + " '" + spec + "': " + e.getMessage());
    }
  }

  private static boolean bool(Map<String, String> f, String key, String spec, String where)
      throws BerthException {
    String v = f.get(key);
    if (v.equals("true")) {
      return true;
    }
    if (v.equals("false")) {
      return false;
    }
    throw BerthException.invalid(
        where + " '" + spec + "': " + key + " must be true or false, not '" + v + "'");
  }
}
