package dev.berth.solver;

import dev.berth.image.Descriptor;
import dev.berth.image.ImageConfig;
import dev.berth.image.Manifest;
import dev.berth.image.MediaType;
import dev.berth.image.json.ImageJson;
import dev.berth.store.Store;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the target stage's image to the store: its config (with the build's labels) and manifest.
 */
final class ImageCommitter {

  private final Store store;
  private final BuildClock clock;

  ImageCommitter(Store store, BuildClock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The manifest's descriptor and the image ID (the config's digest). */
  BuildResult commit(ImageState target, Map<String, String> labels, int steps, int cached)
      throws IOException {
    ImageConfig config = target.config();
    if (!labels.isEmpty()) {
      TreeMap<String, String> all = new TreeMap<>(config.config().labels());
      all.putAll(labels);
      config = config.withConfig(config.config().toBuilder().labels(all).build());
    }
    config = config.withCreated(clock.lastCreated(target.with(config, target.key())));
    byte[] configBytes = ImageJson.writeConfig(config);
    store.content().put(configBytes);
    Descriptor configDescriptor = ImageJson.descriptor(MediaType.OCI_CONFIG, configBytes);
    byte[] manifestBytes = ImageJson.writeManifest(Manifest.oci(configDescriptor, target.layers()));
    store.content().put(manifestBytes);
    return new BuildResult(
        ImageJson.descriptor(MediaType.OCI_MANIFEST, manifestBytes),
        configDescriptor.digest(),
        steps,
        cached);
  }
}
