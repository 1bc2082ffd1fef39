package dev.berth.image;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An image config ({@code application/vnd.oci.image.config.v1+json}, which Docker's {@code
 * application/vnd.docker.container.image.v1+json} shares): creation time, author, platform,
 * execution defaults, the layers' diff IDs and the history.
 *
 * <p>The platform's fields are the config's top-level {@code architecture}, {@code os}, {@code
 * os.version}, {@code os.features} and {@code variant}. Empty strings mean "not set".
 *
 * <p>This value holds only the fields berth understands. A config read from elsewhere is kept as
 * its original bytes (and digest) by whoever stores it; berth serialises only configs it creates,
 * so fields it does not know are never silently dropped from an image it did not make.
 */
public record ImageConfig(
    Optional<Instant> created,
    String author,
    Platform platform,
    ContainerConfig config,
    RootFs rootfs,
    List<History> history) {

  public ImageConfig {
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(rootfs, "rootfs");
    history = List.copyOf(history);
  }

  /** The config of an empty image ({@code FROM scratch}) for a platform. */
  public static ImageConfig scratch(Platform platform) {
    return new ImageConfig(
        Optional.empty(), "", platform, ContainerConfig.EMPTY, RootFs.EMPTY, List.of());
  }

  /** The layers' diff IDs, bottom first. */
  public List<Digest> diffIds() {
    return rootfs.diffIds();
  }

  public ImageConfig withCreated(Instant time) {
    return new ImageConfig(Optional.of(time), author, platform, config, rootfs, history);
  }

  public ImageConfig withAuthor(String a) {
    return new ImageConfig(created, a, platform, config, rootfs, history);
  }

  public ImageConfig withPlatform(Platform p) {
    return new ImageConfig(created, author, p, config, rootfs, history);
  }

  public ImageConfig withConfig(ContainerConfig c) {
    return new ImageConfig(created, author, platform, c, rootfs, history);
  }

  /** This image with one more layer on top, described by a history entry. */
  public ImageConfig withLayer(Digest diffId, History entry) {
    if (entry.emptyLayer()) {
      throw new IllegalArgumentException("history entry of a layer is marked empty_layer");
    }
    return new ImageConfig(created, author, platform, config, rootfs.plus(diffId), plus(entry));
  }

  /** This image with a history entry for a step that added no layer. */
  public ImageConfig withEmptyLayerHistory(History entry) {
    if (!entry.emptyLayer()) {
      throw new IllegalArgumentException("history entry without a layer must be empty_layer");
    }
    return new ImageConfig(created, author, platform, config, rootfs, plus(entry));
  }

  private List<History> plus(History entry) {
    List<History> next = new ArrayList<>(history);
    next.add(entry);
    return next;
  }
}
