package dev.berth.devcontainer;

import java.util.Optional;

/** The lifecycle hooks of a dev container, in the order they run. */
public enum LifecycleHook {
  /** On the host, before anything else, on every {@code up}. */
  INITIALIZE("initializeCommand"),
  /** In the container, once, when it is first created. */
  ON_CREATE("onCreateCommand"),
  /** In the container, once after creation (and when the content is updated). */
  UPDATE_CONTENT("updateContentCommand"),
  /** In the container, once after creation, after the two above. */
  POST_CREATE("postCreateCommand"),
  /** In the container, each time it starts. */
  POST_START("postStartCommand"),
  /** In the container, each time a tool attaches to it ({@code up}). */
  POST_ATTACH("postAttachCommand");

  private final String property;

  LifecycleHook(String property) {
    this.property = property;
  }

  /** The devcontainer.json property, such as {@code postCreateCommand}. */
  public String property() {
    return property;
  }

  /** True for the hooks that run in the container and so may come from image metadata. */
  public boolean inContainer() {
    return this != INITIALIZE;
  }

  static Optional<LifecycleHook> fromProperty(String name) {
    for (LifecycleHook h : values()) {
      if (h.property.equals(name)) {
        return Optional.of(h);
      }
    }
    return Optional.empty();
  }
}
