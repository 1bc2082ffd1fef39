package dev.berth.plan;

import java.util.List;
import java.util.Objects;

/**
 * What planning needs from a base image's config: its environment, working directory, user, shell
 * and ONBUILD triggers.
 *
 * @param env {@code KEY=value} entries as the image config stores them
 * @param onBuild trigger instructions as text ({@code RUN echo hi})
 */
public record BaseImageConfig(
    List<String> env, String workdir, String user, List<String> shell, List<String> onBuild) {

  public BaseImageConfig {
    env = List.copyOf(env);
    Objects.requireNonNull(workdir, "workdir");
    Objects.requireNonNull(user, "user");
    shell = List.copyOf(shell);
    onBuild = List.copyOf(onBuild);
  }

  /** An image about which nothing is known (scratch, or an image not in the store). */
  public static BaseImageConfig empty() {
    return new BaseImageConfig(List.of(), "", "", List.of(), List.of());
  }
}
