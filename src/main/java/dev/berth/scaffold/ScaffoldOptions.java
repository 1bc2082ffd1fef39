package dev.berth.scaffold;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@code berth init} is told, on top of what it reads.
 *
 * @param tool the tool to install with, in place of the one the project's files point to
 * @param python the Python version ({@code 3.12}), in place of the one the project asks for
 * @param base the image the build stages start from, in place of {@code python:X-slim} (an offline
 *     base made from Debian packages, or a mirror's)
 * @param prodBase the image prod starts from; by default the build stages' own
 * @param name the name of the images and the compose project
 * @param port the port a web service listens on; also makes the project count as one
 * @param offline whether the builds reach no package index: pip then takes wheels only from the
 *     base image's Debian wheel directory
 * @param cacheMounts whether installs use BuildKit cache mounts (docker's legacy builder has none)
 */
public record ScaffoldOptions(
    Optional<Tool> tool,
    Optional<String> python,
    Optional<String> base,
    Optional<String> prodBase,
    Optional<String> name,
    Optional<Integer> port,
    boolean offline,
    boolean cacheMounts) {

  public ScaffoldOptions {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(python, "python");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(prodBase, "prodBase");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(port, "port");
  }

  /** Nothing overridden: what the project says, for online builds with cache mounts. */
  public static ScaffoldOptions defaults() {
    return new ScaffoldOptions(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        true);
  }
}
