package dev.berth.app;

import java.util.List;
import java.util.Objects;

/** {@code --network}: the host's, none, or a berth network by name. */
public sealed interface ContainerNetwork {

  record Host() implements ContainerNetwork {}

  record None() implements ContainerNetwork {}

  /**
   * A berth network, with more names the container answers to there; {@code berth} is the default
   * one.
   */
  record Named(String name, List<String> aliases) implements ContainerNetwork {
    public Named {
      Objects.requireNonNull(name, "name");
      aliases = List.copyOf(aliases);
    }
  }

  /** The default network, as a container gets when it names none. */
  static ContainerNetwork standard() {
    return new Named("berth", List.of());
  }
}
