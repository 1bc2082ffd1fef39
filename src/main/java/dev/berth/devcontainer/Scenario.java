package dev.berth.devcontainer;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Where the dev container's image comes from: an image, a Dockerfile, or a compose service. */
public sealed interface Scenario {

  /** {@code "image": "..."}: the image is used (pulled if needed) as it is. */
  record Image(String image) implements Scenario {
    public Image {
      Objects.requireNonNull(image, "image");
    }
  }

  /**
   * {@code build.dockerfile} (or the legacy top-level {@code dockerFile}): the image is built.
   *
   * @param dockerfile absolute, resolved against the config file's folder
   * @param context absolute; by default the Dockerfile's folder, as the reference CLI chooses
   * @param args build arguments, after variable substitution
   * @param cacheFrom images to use as cache sources
   * @param options extra {@code docker build} flags as written, for the builder to accept or refuse
   */
  record Dockerfile(
      Path dockerfile,
      Path context,
      Optional<String> target,
      Map<String, String> args,
      List<String> cacheFrom,
      List<String> options)
      implements Scenario {
    public Dockerfile {
      Objects.requireNonNull(dockerfile, "dockerfile");
      Objects.requireNonNull(context, "context");
      Objects.requireNonNull(target, "target");
      args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
      cacheFrom = List.copyOf(cacheFrom);
      options = List.copyOf(options);
    }
  }

  /**
   * {@code dockerComposeFile} and {@code service}: the container is a compose service.
   *
   * @param files absolute, resolved against the config file's folder
   * @param runServices the services to start; empty means all of them
   */
  record Compose(List<Path> files, String service, List<String> runServices) implements Scenario {
    public Compose {
      files = List.copyOf(files);
      Objects.requireNonNull(service, "service");
      runServices = List.copyOf(runServices);
    }
  }
}
