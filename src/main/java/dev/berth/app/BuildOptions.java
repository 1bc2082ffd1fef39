package dev.berth.app;

import dev.berth.image.ImageReference;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a build asks for, named as {@code docker build} names it, as typed values: the CLI, compose
 * and dev containers all hand the build this, never strings to parse again.
 *
 * @param tags names for the image
 * @param network {@code --network}: the network of every RUN that asks for the default
 * @param output also write the image there
 * @param secrets for RUN --mount=type=secret
 * @param pull fetch every FROM image from its registry, not only missing ones
 * @param push push every tag after the build
 * @param explainCache say why each step that ran missed the cache
 * @param cacheFrom shared caches to take steps from ({@code --cache-from})
 * @param cacheTo where to write the build's cache records ({@code --cache-to})
 * @param extras named contexts, --add-host, --ulimit, --shm-size, --platform
 */
public record BuildOptions(
    Path context,
    Optional<Path> dockerfile,
    List<ImageReference> tags,
    Optional<String> target,
    Map<String, String> buildArgs,
    boolean noCache,
    Map<String, String> labels,
    Optional<NetworkRequest> network,
    Optional<Path> iidfile,
    Optional<Output> output,
    List<Secret> secrets,
    boolean pull,
    boolean push,
    boolean explainCache,
    List<CacheRef> cacheFrom,
    List<CacheTo> cacheTo,
    BuildExtras extras) {

  public BuildOptions {
    Objects.requireNonNull(extras, "extras");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(dockerfile, "dockerfile");
    tags = List.copyOf(tags);
    Objects.requireNonNull(target, "target");
    buildArgs = Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(iidfile, "iidfile");
    Objects.requireNonNull(output, "output");
    secrets = List.copyOf(secrets);
    cacheFrom = List.copyOf(cacheFrom);
    cacheTo = List.copyOf(cacheTo);
  }

  /** A build that shares no cache beyond the store's own, without {@link BuildExtras}. */
  public BuildOptions(
      Path context,
      Optional<Path> dockerfile,
      List<ImageReference> tags,
      Optional<String> target,
      Map<String, String> buildArgs,
      boolean noCache,
      Map<String, String> labels,
      Optional<NetworkRequest> network,
      Optional<Path> iidfile,
      Optional<Output> output,
      List<Secret> secrets,
      boolean pull,
      boolean push,
      boolean explainCache) {
    this(
        context,
        dockerfile,
        tags,
        target,
        buildArgs,
        noCache,
        labels,
        network,
        iidfile,
        output,
        secrets,
        pull,
        push,
        explainCache,
        List.of(),
        List.of(),
        BuildExtras.NONE);
  }

  /** The same build, reading and writing these shared caches. */
  public BuildOptions withCache(List<CacheRef> from, List<CacheTo> to) {
    return new BuildOptions(
        context,
        dockerfile,
        tags,
        target,
        buildArgs,
        noCache,
        labels,
        network,
        iidfile,
        output,
        secrets,
        pull,
        push,
        explainCache,
        from,
        to,
        extras);
  }

  /** A build of {@code context} with docker's defaults for everything else. */
  public static BuildOptions of(Path context) {
    return new BuildOptions(
        context,
        Optional.empty(),
        List.of(),
        Optional.empty(),
        Map.of(),
        false,
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        false,
        false,
        false);
  }

  /** The Dockerfile to read: {@code -f}, else {@code CONTEXT/Dockerfile}. */
  public Path dockerfilePath() {
    return dockerfile.orElse(context.resolve("Dockerfile"));
  }
}
