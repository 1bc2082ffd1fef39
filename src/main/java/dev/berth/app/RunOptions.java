package dev.berth.app;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code berth run} asks for, named as {@code docker run} names it, as typed values.
 *
 * @param entrypoint {@code --entrypoint}: replaces the image's; an empty string clears it
 * @param env {@code -e}: set over the image's ENV, in order
 * @param mounts {@code -v}
 */
public record RunOptions(
    String image,
    List<String> command,
    Optional<String> entrypoint,
    Map<String, String> env,
    Optional<String> workdir,
    Optional<String> user,
    List<Mount> mounts,
    Optional<NetworkRequest> network,
    boolean tty) {

  public RunOptions {
    Objects.requireNonNull(image, "image");
    command = List.copyOf(command);
    Objects.requireNonNull(entrypoint, "entrypoint");
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    Objects.requireNonNull(workdir, "workdir");
    Objects.requireNonNull(user, "user");
    mounts = List.copyOf(mounts);
    Objects.requireNonNull(network, "network");
  }
}
