package dev.berth.app;

import dev.berth.image.ContainerConfig;
import dev.berth.plan.BaseImageConfig;
import dev.berth.plan.BaseImageConfigs;
import dev.berth.store.LocalImages;
import dev.berth.store.StoredImage;
import java.io.IOException;
import java.util.Optional;

/** Base image configs read from the store, so a plan knows a base image's ENV and triggers. */
final class StoreBaseConfigs implements BaseImageConfigs {

  private final LocalImages images;

  StoreBaseConfigs(LocalImages images) {
    this.images = images;
  }

  @Override
  public Optional<BaseImageConfig> lookup(String reference) {
    try {
      StoredImage img = images.find(reference);
      ContainerConfig c = img.config().config();
      return Optional.of(
          new BaseImageConfig(c.env(), c.workingDir(), c.user(), c.shell(), c.onBuild()));
    } catch (IOException e) {
      // Not in the store (or unreadable): planning goes on without it; building reports it.
      return Optional.empty();
    }
  }
}
