package dev.berth.devcontainer;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the workspace is on the host and in the container.
 *
 * @param localFolder the workspace folder on the host, absolute
 * @param containerFolder the folder the dev container works in ({@code workspaceFolder})
 * @param mountText the workspace mount as the reference CLI prints it: a {@code --mount} string,
 *     {@code ""} when {@code workspaceMount} is empty (no workspace mount), and empty for compose,
 *     where the compose file mounts the workspace
 * @param mount the mount itself, when there is one
 */
public record Workspace(
    Path localFolder, String containerFolder, Optional<String> mountText, Optional<Mount> mount) {

  public Workspace {
    Objects.requireNonNull(localFolder, "localFolder");
    Objects.requireNonNull(containerFolder, "containerFolder");
    Objects.requireNonNull(mountText, "mountText");
    Objects.requireNonNull(mount, "mount");
  }
}
