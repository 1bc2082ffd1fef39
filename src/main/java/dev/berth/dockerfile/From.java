package dev.berth.dockerfile;

import dev.berth.diag.SourceRange;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code FROM [--platform=P] image [AS name]}. The image and platform are expanded by the planner
 * with the global ARGs only, so they stay as written here.
 *
 * @param stageName the stage's name in lower case, as BuildKit compares them
 */
public record From(
    String image,
    Optional<String> platform,
    Optional<String> stageName,
    SourceRange range,
    String original)
    implements Instruction {

  public From {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(stageName, "stageName");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(original, "original");
  }
}
