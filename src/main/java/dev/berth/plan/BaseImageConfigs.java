package dev.berth.plan;

import java.util.Optional;

/**
 * Looks up the config of a base image, so that planning needs no I/O of its own: the caller passes
 * one that reads the store (or a registry).
 */
@FunctionalInterface
public interface BaseImageConfigs {

  /** The config of the image, or empty when it is not known here. */
  Optional<BaseImageConfig> lookup(String reference);

  /** Knows no image: every base image's environment starts empty. */
  static BaseImageConfigs none() {
    return ref -> Optional.empty();
  }
}
