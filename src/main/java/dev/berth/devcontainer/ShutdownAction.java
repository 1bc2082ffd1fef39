package dev.berth.devcontainer;

import java.util.Optional;

/** What happens to the container when the tool that started it closes. */
public enum ShutdownAction {
  NONE("none"),
  STOP_CONTAINER("stopContainer"),
  STOP_COMPOSE("stopCompose");

  private final String property;

  ShutdownAction(String property) {
    this.property = property;
  }

  public String property() {
    return property;
  }

  static Optional<ShutdownAction> fromProperty(String s) {
    for (ShutdownAction a : values()) {
      if (a.property.equals(s)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
