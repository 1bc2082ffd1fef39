package dev.berth.plan;

import java.util.Objects;

/** What a stage starts from: nothing, an image, or another stage of the same Dockerfile. */
public sealed interface StageBase {

  /** {@code FROM scratch}. */
  record Scratch() implements StageBase {}

  /** {@code FROM image}: a reference, expanded, as written (not yet normalised). */
  record Image(String reference) implements StageBase {
    public Image {
      Objects.requireNonNull(reference, "reference");
    }
  }

  /** {@code FROM stage}: an earlier stage by index. */
  record Stage(int index, String name) implements StageBase {
    public Stage {
      Objects.requireNonNull(name, "name");
    }
  }
}
