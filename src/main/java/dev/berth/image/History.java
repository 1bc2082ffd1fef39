package dev.berth.image;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of an image's history: how a step was made, and whether it added a layer ({@code
 * emptyLayer} is true for steps such as {@code ENV} that change only the config).
 */
public record History(
    Optional<Instant> created,
    String createdBy,
    String author,
    String comment,
    boolean emptyLayer) {

  public History {
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(comment, "comment");
  }

  /** An entry for a step that added a layer. */
  public static History layer(Instant created, String createdBy, String comment) {
    return new History(Optional.of(created), createdBy, "", comment, false);
  }

  /** An entry for a step that changed only the config. */
  public static History configOnly(Instant created, String createdBy, String comment) {
    return new History(Optional.of(created), createdBy, "", comment, true);
  }
}
