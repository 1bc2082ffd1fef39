package dev.berth.solver;

import dev.berth.plan.BuildPlan;
import dev.berth.runtime.NetworkMode;
import dev.berth.runtime.ProcessExtras;
import dev.berth.solver.cache.CacheExport;
import dev.berth.solver.cache.CacheLocation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to build: a plan, the context it reads, and the options of {@code berth build}.
 *
 * @param dockerfile the Dockerfile's path, for {@code <Dockerfile>.dockerignore}
 * @param sourceDateEpoch SOURCE_DATE_EPOCH: clamps file times and fixes every timestamp
 * @param secrets {@code --secret} values by id, for RUN --mount=type=secret; never stored
 * @param explainCache say, for each step that misses the cache, which input changed
 * @param network {@code --network}: {@code host} or {@code none} for every RUN that asks for the
 *     default
 * @param cacheFrom shared caches whose records a step that misses the local cache looks up
 * @param cacheTo where to write this build's cache records when it is done
 * @param runExtras {@code --add-host}, {@code --ulimit} and {@code --shm-size} for every RUN
 * @param namedDirectories the directories of named contexts, by name (the plan's {@code
 *     CopySource.Named} and {@code RUN --mount=from=NAME})
 * @param namedImages the image references of named image contexts, by name, for {@code RUN
 *     --mount=from=NAME} (FROM and COPY --from have them from the plan)
 */
public record BuildRequest(
    BuildPlan plan,
    Path context,
    Path dockerfile,
    boolean noCache,
    Map<String, String> labels,
    Optional<Instant> sourceDateEpoch,
    Optional<NetworkMode> network,
    Map<String, byte[]> secrets,
    boolean explainCache,
    List<CacheLocation> cacheFrom,
    List<CacheExport> cacheTo,
    ProcessExtras runExtras,
    Map<String, Path> namedDirectories,
    Map<String, String> namedImages) {

  /** A request whose RUN steps get docker's defaults for hosts, limits and /dev/shm. */
  public BuildRequest(
      BuildPlan plan,
      Path context,
      Path dockerfile,
      boolean noCache,
      Map<String, String> labels,
      Optional<Instant> sourceDateEpoch,
      Optional<NetworkMode> network,
      Map<String, byte[]> secrets,
      boolean explainCache) {
    this(
        plan,
        context,
        dockerfile,
        noCache,
        labels,
        sourceDateEpoch,
        network,
        secrets,
        explainCache,
        List.of(),
        List.of(),
        ProcessExtras.NONE,
        Map.of(),
        Map.of());
  }

  public BuildRequest {
    Objects.requireNonNull(runExtras, "runExtras");
    namedDirectories = Map.copyOf(namedDirectories);
    namedImages = Map.copyOf(namedImages);
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(dockerfile, "dockerfile");
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    Objects.requireNonNull(sourceDateEpoch, "sourceDateEpoch");
    Objects.requireNonNull(network, "network");
    secrets = Map.copyOf(secrets);
    cacheFrom = List.copyOf(cacheFrom);
    cacheTo = List.copyOf(cacheTo);
  }

  @Override
  public String toString() {
    // Secret values must never reach a log or a message.
    return "BuildRequest[context="
        + context
        + ", dockerfile="
        + dockerfile
        + ", secrets="
        + secrets.keySet()
        + "]";
  }
}
