package dev.berth.solver;

import dev.berth.image.History;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The times a build writes: now (whole seconds), or SOURCE_DATE_EPOCH for everything when it is
 * set, so the same inputs give the same image.
 */
record BuildClock(Instant now, Optional<Instant> sourceDateEpoch) {

  BuildClock {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(sourceDateEpoch, "sourceDateEpoch");
  }

  static BuildClock of(Optional<Instant> sourceDateEpoch) {
    return new BuildClock(
        sourceDateEpoch.orElse(Instant.now().truncatedTo(ChronoUnit.SECONDS)), sourceDateEpoch);
  }

  /** SOURCE_DATE_EPOCH changes what RUN sees and every time in a layer, so it is in every key. */
  String keyText() {
    return sourceDateEpoch.map(t -> "epoch=" + t.getEpochSecond()).orElse("");
  }

  /** When a layer was made, as its history records it. */
  Instant layerCreated(Instant firstMade) {
    return sourceDateEpoch.orElse(firstMade);
  }

  /** The time of the latest history entry, so config-only steps never make a new image ID. */
  Instant lastCreated(ImageState state) {
    if (sourceDateEpoch.isPresent()) {
      return sourceDateEpoch.get();
    }
    List<History> h = state.config().history();
    for (int i = h.size() - 1; i >= 0; i--) {
      if (h.get(i).created().isPresent()) {
        return h.get(i).created().get();
      }
    }
    return state.config().created().orElse(Instant.EPOCH);
  }
}
