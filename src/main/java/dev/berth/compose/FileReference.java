package dev.berth.compose;

import java.util.Objects;
import java.util.Optional;

/** A service's (or build's) use of a top-level secret or config. */
public record FileReference(
    String source,
    Optional<String> target,
    Optional<String> uid,
    Optional<String> gid,
    Optional<Integer> mode) {

  public FileReference {
    Objects.requireNonNull(source, "source");
  }
}
