package dev.berth.cli;

import dev.berth.diag.BerthException;
import dev.berth.image.LayerCompression;
import picocli.CommandLine.Option;

/** {@code --compression} and {@code --compression-level}, for the commands images leave by. */
final class CompressionOptions {

  @Option(
      names = {"--compression", "--compression-format"},
      paramLabel = "FORMAT",
      description =
          "gzip, zstd or uncompressed: every layer leaves in this form. Without it, layers berth"
              + " built (kept uncompressed in the store) leave as gzip and pulled or loaded layers"
              + " as they came.")
  String format;

  @Option(
      names = "--compression-level",
      paramLabel = "N",
      description = "gzip 0-9 (default 6), zstd 1-22 (default 3).")
  Integer level;

  /** What the flags ask for. */
  LayerCompression compression() throws BerthException {
    if (format == null && level == null) {
      return LayerCompression.DEFAULT;
    }
    return LayerCompression.parse(format, level, format != null, "--compression");
  }
}
