package dev.berth.app;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code berth build} asks for, named as {@code docker build} names it.
 *
 * @param output {@code --output type=oci|docker,dest=FILE}: also write the image there
 * @param secrets {@code --secret id=ID[,src=FILE|,env=VAR]} specs
 * @param pull {@code --pull}: fetch every FROM image from its registry, not only missing ones
 * @param push {@code --push}: push every tag after the build
 * @param explainCache {@code --explain-cache}: say why each step that ran missed the cache
 */
public record BuildOptions(
    Path context,
    Optional<Path> dockerfile,
    List<String> tags,
    Optional<String> target,
    Map<String, String> buildArgs,
    boolean noCache,
    Map<String, String> labels,
    Optional<String> network,
    Optional<Path> iidfile,
    Optional<Output> output,
    List<String> secrets,
    boolean pull,
    boolean push,
    boolean explainCache) {

  /** {@code --output}: an archive of the result. */
  public record Output(ArchiveFormat format, Path destination) {
    public Output {
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(destination, "destination");
    }
  }

  public BuildOptions {
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
  }

  /** The Dockerfile to read: {@code -f}, else {@code CONTEXT/Dockerfile}. */
  public Path dockerfilePath() {
    return dockerfile.orElse(context.resolve("Dockerfile"));
  }
}
