package dev.berth.devcontainer;

import java.util.Objects;

/**
 * A lifecycle command and where it came from: a Feature's ID, or {@code devcontainer.json} for the
 * configuration and for image metadata entries that name no Feature.
 */
public record HookCommand(String origin, LifecycleCommand command) {

  public HookCommand {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(command, "command");
  }
}
