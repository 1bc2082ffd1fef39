package dev.berth.app;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@code berth system df} shows: the store's space by kind, with the per-item lists of {@code
 * -v}. Images' sizes are the bytes their blobs and unpacked snapshots take, each blob and snapshot
 * counted once however many images share it; build cache is what no image reaches.
 *
 * @param imagesSize the distinct bytes of every image
 * @param imagesReclaimable the part of it no image a container uses reaches
 */
public record DiskUsage(
    List<ImageUsage> images,
    long imagesSize,
    long imagesReclaimable,
    List<ContainerUsage> containers,
    List<VolumeUsage> volumes,
    List<CacheUsage> buildCache) {

  public DiskUsage {
    images = List.copyOf(images);
    containers = List.copyOf(containers);
    volumes = List.copyOf(volumes);
    buildCache = List.copyOf(buildCache);
  }

  /**
   * One image (a dangling one has no repository and tag).
   *
   * @param size its blobs and snapshots
   * @param sharedSize the part other images use too
   * @param containers how many containers use it
   */
  public record ImageUsage(
      Optional<String> repository,
      Optional<String> tag,
      String id,
      Optional<Instant> created,
      long size,
      long sharedSize,
      int containers) {}

  /** One container and the size of its writable layer. */
  public record ContainerUsage(
      String id,
      String image,
      String command,
      int localVolumes,
      long size,
      Instant created,
      String status,
      String name,
      boolean running) {}

  /** One volume, how many containers mount it, and its content's size. */
  public record VolumeUsage(String name, int links, long size) {}

  /**
   * One build-cache entry: a step's cache record ({@code regular}), a snapshot or layer no image
   * uses ({@code regular}), a RUN cache mount ({@code exec.cachemount}), a context's digest cache
   * ({@code source.local}) or an --explain-cache record ({@code internal}).
   *
   * @param shared whether an image uses what it holds (it then counts in the images' size)
   */
  public record CacheUsage(
      String id, String type, String description, long size, Instant lastWritten, boolean shared) {}

  public long containersSize() {
    return containers.stream().mapToLong(ContainerUsage::size).sum();
  }

  public long containersReclaimable() {
    return containers.stream().filter(c -> !c.running()).mapToLong(ContainerUsage::size).sum();
  }

  public long volumesSize() {
    return volumes.stream().mapToLong(VolumeUsage::size).sum();
  }

  public long volumesReclaimable() {
    return volumes.stream().filter(v -> v.links() == 0).mapToLong(VolumeUsage::size).sum();
  }

  /** The cache's own bytes: what entries an image shares count with the images. */
  public long buildCacheSize() {
    return buildCache.stream().filter(c -> !c.shared()).mapToLong(CacheUsage::size).sum();
  }
}
