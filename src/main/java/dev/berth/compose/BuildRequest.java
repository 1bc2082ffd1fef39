package dev.berth.compose;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What berth's build engine needs to build one service's image, with nothing left to parse.
 *
 * @param context the build context, an existing folder
 * @param dockerfile the Dockerfile's absolute path; empty when {@code dockerfileInline} is set
 * @param image the name to tag the result with: {@code image:}, else {@code <project>-<service>}
 * @param tags further names to tag it with ({@code build.tags})
 * @param additionalContexts {@code build.additional_contexts}: BuildKit's named contexts, each a
 *     path (absolute, resolved against the project's working directory), {@code docker-image://REF}
 *     or a git URL, as {@code --build-context} reads them
 */
public record BuildRequest(
    String service,
    Path context,
    Optional<Path> dockerfile,
    Optional<String> dockerfileInline,
    Optional<String> target,
    Map<String, String> args,
    Map<String, String> labels,
    String image,
    List<String> tags,
    boolean noCache,
    boolean pull,
    List<Secret> secrets,
    Optional<String> network,
    List<String> cacheFrom,
    List<String> cacheTo,
    List<String> platforms,
    Map<String, String> additionalContexts) {

  public BuildRequest {
    additionalContexts = Sorted.map(additionalContexts);
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(image, "image");
    args = Sorted.map(args);
    labels = Sorted.map(labels);
    tags = List.copyOf(tags);
    secrets = List.copyOf(secrets);
    cacheFrom = List.copyOf(cacheFrom);
    cacheTo = List.copyOf(cacheTo);
    platforms = List.copyOf(platforms);
  }

  /**
   * A secret a build may mount ({@code RUN --mount=type=secret,id=...}): read from a file, or the
   * value of an environment variable.
   */
  public record Secret(String id, Optional<Path> file, Optional<String> value) {
    public Secret {
      Objects.requireNonNull(id, "id");
    }

    @Override
    public String toString() {
      // The value is a secret: never print it.
      return "Secret[id="
          + id
          + ", file="
          + file
          + ", value="
          + (value.isPresent() ? "***" : "none")
          + "]";
    }
  }
}
