package dev.berth.devcontainer;

import java.util.List;
import java.util.Optional;

/** How the remote user's environment is read from their shell before commands run. */
public enum UserEnvProbe {
  NONE("none", List.of()),
  LOGIN_INTERACTIVE_SHELL("loginInteractiveShell", List.of("-lic")),
  INTERACTIVE_SHELL("interactiveShell", List.of("-ic")),
  LOGIN_SHELL("loginShell", List.of("-lc"));

  /** What applies when nothing says otherwise. */
  public static final UserEnvProbe DEFAULT = LOGIN_INTERACTIVE_SHELL;

  private final String property;
  private final List<String> shellFlags;

  UserEnvProbe(String property, List<String> shellFlags) {
    this.property = property;
    this.shellFlags = shellFlags;
  }

  public String property() {
    return property;
  }

  /**
   * The flags the user's shell is started with to print its environment (the reference CLI runs
   * {@code $SHELL <flags> '<print env>'}); empty for {@link #NONE}, which probes nothing.
   */
  public List<String> shellFlags() {
    return shellFlags;
  }

  static Optional<UserEnvProbe> fromProperty(String s) {
    for (UserEnvProbe p : values()) {
      if (p.property.equals(s)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
