package dev.berth.app;

import java.util.Objects;

/** {@code --network}: the host's, none, or a berth network by name. */
public sealed interface ContainerNetwork {

  record Host() implements ContainerNetwork {}

  record None() implements ContainerNetwork {}

  /** A berth network; {@code berth} is the default one. */
  record Named(String name) implements ContainerNetwork {
    public Named {
      Objects.requireNonNull(name, "name");
    }
  }

  /** The default network, as a container gets when it names none. */
  static ContainerNetwork standard() {
    return new Named("berth");
  }
}
