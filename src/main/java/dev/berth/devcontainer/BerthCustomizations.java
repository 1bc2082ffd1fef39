package dev.berth.devcontainer;

import java.util.List;

/**
 * What {@code customizations.berth} asks of berth.
 *
 * @param chownPaths container paths that berth gives to the remote user after mapping its UID, on
 *     top of the home folder the reference CLI changes (devcontainers/spec#631): a virtualenv made
 *     at build time, for example
 */
public record BerthCustomizations(List<String> chownPaths) {

  public static final BerthCustomizations NONE = new BerthCustomizations(List.of());

  public BerthCustomizations {
    chownPaths = List.copyOf(chownPaths);
  }
}
