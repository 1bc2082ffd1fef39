package dev.berth.image;

import dev.berth.diag.BerthException;
import dev.berth.image.MediaType.Compression;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The form layers take when an image leaves the store ({@code push}, {@code save}, {@code
 * --output}, a cache export). The store keeps the layers it makes uncompressed; on the way out
 * those are compressed as this says. Layers that came in compressed (pulled or loaded) keep their
 * form unless {@code forced}, which converts every layer, as podman does when {@code
 * --compression-format} is given and BuildKit with {@code force-compression=true}.
 *
 * @param level the compressor's level; empty for its default (gzip 6, zstd 3)
 */
public record LayerCompression(Compression compression, OptionalInt level, boolean forced) {

  /** What leaves when nobody asked: gzip, which every registry and client reads. */
  public static final LayerCompression DEFAULT =
      new LayerCompression(Compression.GZIP, OptionalInt.empty(), false);

  public static final int GZIP_DEFAULT_LEVEL = 6;
  public static final int ZSTD_DEFAULT_LEVEL = 3;

  public LayerCompression {
    Objects.requireNonNull(compression, "compression");
    Objects.requireNonNull(level, "level");
    if (level.isPresent()) {
      int l = level.getAsInt();
      switch (compression) {
        case GZIP -> check(l, 0, 9, "gzip");
        case ZSTD -> check(l, 1, 22, "zstd");
        case NONE -> throw new IllegalArgumentException("uncompressed layers take no level");
      }
    }
  }

  /**
   * Reads the flag values users type: {@code gzip}, {@code zstd}, {@code uncompressed} (or {@code
   * none}), with an optional level.
   *
   * @param name the compression, or null for gzip
   * @param level the level, or null for the compressor's default
   * @param flag the flag's name, for the message
   */
  public static LayerCompression parse(String name, Integer level, boolean forced, String flag)
      throws BerthException {
    Compression c =
        switch (name == null ? "gzip" : name.trim().toLowerCase(Locale.ROOT)) {
          case "gzip" -> Compression.GZIP;
          case "zstd" -> Compression.ZSTD;
          case "uncompressed", "none" -> Compression.NONE;
          default ->
              throw BerthException.invalid(
                  flag
                      + ": unknown compression '"
                      + name
                      + "' (expected gzip, zstd or uncompressed)");
        };
    if (level == null) {
      return new LayerCompression(c, OptionalInt.empty(), forced);
    }
    try {
      return new LayerCompression(c, OptionalInt.of(level), forced);
    } catch (IllegalArgumentException e) {
      throw BerthException.invalid(flag + ": " + e.getMessage());
    }
  }

  /** The level the compressor runs at. */
  public int effectiveLevel() {
    return switch (compression) {
      case GZIP -> level.orElse(GZIP_DEFAULT_LEVEL);
      case ZSTD -> level.orElse(ZSTD_DEFAULT_LEVEL);
      case NONE -> 0;
    };
  }

  /** A name for this form that changes whenever its bytes would: {@code gzip-6}, {@code zstd-3}. */
  public String formName() {
    return switch (compression) {
      case GZIP -> "gzip-" + effectiveLevel();
      case ZSTD -> "zstd-" + effectiveLevel();
      case NONE -> "uncompressed";
    };
  }

  /** Whether a layer stored with {@code current} compression leaves in another form. */
  public boolean converts(Compression current) {
    return forced ? current != compression : current == Compression.NONE && compression != current;
  }

  private static void check(int l, int min, int max, String what) {
    if (l < min || l > max) {
      throw new IllegalArgumentException(
          what + " level " + l + " is out of range (" + min + " to " + max + ")");
    }
  }
}
