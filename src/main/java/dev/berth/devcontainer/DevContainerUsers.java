package dev.berth.devcontainer;

import java.util.Objects;

/**
 * The users a dev container runs as, chosen as the reference CLI chooses them: the container's
 * processes as {@code containerUser} (else the {@code runArgs} user, else the image's), and the
 * tools and hooks as {@code remoteUser} (else the container user).
 */
public record DevContainerUsers(String containerUser, String remoteUser) {

  public DevContainerUsers {
    Objects.requireNonNull(containerUser, "containerUser");
    Objects.requireNonNull(remoteUser, "remoteUser");
  }

  /**
   * @param imageUser the image config's {@code User}; empty means root
   */
  public static DevContainerUsers resolve(
      MergedConfiguration merged, RunArgs runArgs, String imageUser) {
    String image = imageUser == null || imageUser.isEmpty() ? "root" : imageUser;
    String container = merged.containerUser().or(runArgs::user).orElse(image);
    return new DevContainerUsers(container, merged.remoteUser().orElse(container));
  }
}
