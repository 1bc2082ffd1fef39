package dev.berth.layer;

import dev.berth.image.Digest;
import java.util.List;
import java.util.Objects;

/**
 * What applying a layer did: the diffID of its uncompressed tar (to check against the image
 * config), how many entries it held, and warnings about what was skipped (device nodes without
 * root, attributes the file system refused).
 */
public record ApplyResult(Digest diffId, long entries, List<String> warnings) {
  public ApplyResult {
    Objects.requireNonNull(diffId, "diffId");
    warnings = List.copyOf(warnings);
  }
}
