package dev.berth.runtime;

import java.io.IOException;

/** Runs one process in a container on a given root file system, to completion. */
public interface ContainerRuntime {

  /**
   * Runs {@code spec} on {@code root} with {@code stdio} attached and waits for it to end. Any
   * mount the runtime makes is undone before this returns or throws, also after a timeout or an
   * interrupt.
   *
   * @throws UserLookupException when the user cannot be found in the root's passwd or group file
   * @throws IOException when the container cannot be set up or started
   * @throws InterruptedException when the calling thread was interrupted; the process is killed
   */
  ExitStatus run(ProcessSpec spec, RootFs root, Stdio stdio)
      throws IOException, InterruptedException;

  /** A short name for messages, such as {@code crun} or {@code chroot}. */
  String name();
}
