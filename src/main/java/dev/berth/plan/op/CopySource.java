package dev.berth.plan.op;

import java.util.Objects;

/** Where COPY and ADD read from. */
public sealed interface CopySource {

  /** The build context. */
  record Context() implements CopySource {}

  /** Another stage's result ({@code --from=stage}). */
  record Stage(int index) implements CopySource {}

  /** A directory given as a named context ({@code --build-context NAME=PATH}), by its name. */
  record Named(String name) implements CopySource {
    public Named {
      Objects.requireNonNull(name, "name");
    }
  }

  /** An image ({@code --from=alpine:3}). */
  record Image(String reference) implements CopySource {
    public Image {
      Objects.requireNonNull(reference, "reference");
    }
  }
}
