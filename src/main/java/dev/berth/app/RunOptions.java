package dev.berth.app;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code berth run} asks for, named as {@code docker run} names it.
 *
 * @param entrypoint {@code --entrypoint}: replaces the image's; an empty string clears it
 * @param env {@code -e K=V} (or a bare {@code K}, taken from berth's environment)
 * @param volumes {@code -v HOST:CONTAINER[:ro]}
 */
public record RunOptions(
    String image,
    List<String> command,
    Optional<String> entrypoint,
    List<String> env,
    Optional<String> workdir,
    Optional<String> user,
    List<String> volumes,
    Optional<String> network,
    boolean tty) {

  public RunOptions {
    Objects.requireNonNull(image, "image");
    command = List.copyOf(command);
    Objects.requireNonNull(entrypoint, "entrypoint");
    env = List.copyOf(env);
    Objects.requireNonNull(workdir, "workdir");
    Objects.requireNonNull(user, "user");
    volumes = List.copyOf(volumes);
    Objects.requireNonNull(network, "network");
  }
}
