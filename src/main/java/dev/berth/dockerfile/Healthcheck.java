package dev.berth.dockerfile;

import dev.berth.diag.SourceRange;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code HEALTHCHECK [options] CMD command} or {@code HEALTHCHECK NONE}.
 *
 * @param config the check as the image config stores it ({@code test} is {@code ["CMD-SHELL",
 *     "cmd"]} for the shell form, {@code ["CMD", arg...]} for exec); empty for {@code NONE}, which
 *     turns off a check inherited from the base image. The image type is named in full: this record
 *     has the same simple name.
 */
public record Healthcheck(
    Optional<dev.berth.image.Healthcheck> config, SourceRange range, String original)
    implements Instruction {

  public Healthcheck {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(original, "original");
  }
}
