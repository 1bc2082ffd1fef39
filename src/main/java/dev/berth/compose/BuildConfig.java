package dev.berth.compose;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A service's {@code build:} section, resolved: the context is an absolute path, args are a map
 * with values from the environment filled in (args without a value are left out, as docker compose
 * leaves them out).
 *
 * @param dockerfile the Dockerfile's path relative to the context (or absolute), {@code Dockerfile}
 *     by default; empty when {@code dockerfileInline} is set
 * @param secrets ids of top-level secrets the build may use
 */
public record BuildConfig(
    String context,
    Optional<String> dockerfile,
    Optional<String> dockerfileInline,
    Map<String, String> args,
    Map<String, String> labels,
    Optional<String> target,
    List<String> tags,
    List<FileReference> secrets,
    Optional<String> network,
    List<String> cacheFrom,
    List<String> cacheTo,
    boolean noCache,
    boolean pull,
    List<String> platforms,
    Map<String, String> additionalContexts,
    List<String> extraHosts,
    Optional<String> shmSize,
    boolean privileged) {

  public BuildConfig {
    Objects.requireNonNull(context, "context");
    args = Map.copyOf(args);
    labels = Map.copyOf(labels);
    tags = List.copyOf(tags);
    secrets = List.copyOf(secrets);
    cacheFrom = List.copyOf(cacheFrom);
    cacheTo = List.copyOf(cacheTo);
    platforms = List.copyOf(platforms);
    additionalContexts = Map.copyOf(additionalContexts);
    extraHosts = List.copyOf(extraHosts);
  }
}
