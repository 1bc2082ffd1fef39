package dev.berth.runtime;

import java.io.IOException;

/**
 * Runs containers on a given root file system, in BuildKit's executor shape: {@link #start} a
 * container with its init process, then exec into it, signal it, wait for it and delete it through
 * the {@link RunningContainer} it returns. crun, runc and the chroot fallback all pass one contract
 * suite.
 */
public interface ContainerRuntime {

  /**
   * Starts a container on {@code root} whose init process is {@code spec}, with {@code stdio}
   * attached. Closing the result deletes the container and undoes every mount the runtime made.
   *
   * @throws dev.berth.diag.BerthException of kind NOT_FOUND when the user cannot be found in the
   *     root's passwd or group file
   * @throws IOException when the container cannot be set up or started; nothing is left mounted
   */
  RunningContainer start(ProcessSpec spec, RootFs root, Stdio stdio)
      throws IOException, InterruptedException;

  /**
   * Runs {@code spec} to completion: starts the container, waits for its init process within the
   * spec's time limit and deletes it. Any mount the runtime makes is undone before this returns or
   * throws, also after a timeout or an interrupt (the process is killed then).
   */
  default ExitStatus run(ProcessSpec spec, RootFs root, Stdio stdio)
      throws IOException, InterruptedException {
    try (RunningContainer container = start(spec, root, stdio)) {
      return container.waitFor(spec.timeout());
    }
  }

  /** A short name for messages, such as {@code crun} or {@code chroot}. */
  String name();
}
