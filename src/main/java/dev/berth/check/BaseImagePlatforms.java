package dev.berth.check;

import dev.berth.image.Platform;
import java.util.Optional;

/**
 * Says which platform a base image was pulled for, so InvalidBaseImagePlatform can compare it with
 * the platform the build expects. The check does no I/O: the caller passes one that reads the
 * store.
 */
@FunctionalInterface
public interface BaseImagePlatforms {

  /** The platform of the image as it is available here, or empty when it is not known. */
  Optional<Platform> lookup(String reference);

  /** Knows no image, so the rule never fires. */
  static BaseImagePlatforms none() {
    return ref -> Optional.empty();
  }
}
