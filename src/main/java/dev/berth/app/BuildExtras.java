package dev.berth.app;

import dev.berth.image.Platform;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The less common inputs of {@code docker build}: BuildKit's named contexts ({@code
 * --build-context}), {@code --add-host}, {@code --ulimit} and {@code --shm-size} for RUN steps, and
 * {@code --platform} (only this machine's: berth has no emulation).
 */
public record BuildExtras(
    Map<String, NamedContext> namedContexts,
    List<ExtraHost> extraHosts,
    List<Ulimit> ulimits,
    OptionalLong shmSize,
    Optional<Platform> platform) {

  /** None of them: docker's defaults. */
  public static final BuildExtras NONE =
      new BuildExtras(Map.of(), List.of(), List.of(), OptionalLong.empty(), Optional.empty());

  public BuildExtras {
    namedContexts = Map.copyOf(new LinkedHashMap<>(namedContexts));
    extraHosts = List.copyOf(extraHosts);
    ulimits = List.copyOf(ulimits);
    Objects.requireNonNull(shmSize, "shmSize");
    Objects.requireNonNull(platform, "platform");
  }

  public BuildExtras withNamedContexts(Map<String, NamedContext> named) {
    return new BuildExtras(named, extraHosts, ulimits, shmSize, platform);
  }
}
