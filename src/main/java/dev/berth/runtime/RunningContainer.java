package dev.berth.runtime;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** A container started by a {@link ContainerRuntime}; closing it deletes it. */
public interface RunningContainer extends AutoCloseable {

  /** The runtime's ID of the container. */
  String id();

  /**
   * Runs another process in the container's namespaces and waits for it.
   *
   * @throws dev.berth.diag.BerthException of kind FAILED_PRECONDITION when the container's init
   *     process has ended, and NOT_FOUND when the user is unknown
   */
  ExitStatus exec(ExecSpec process, Stdio stdio) throws IOException, InterruptedException;

  /** Sends a signal (a number, as {@code kill -s} takes it) to the init process. */
  void signal(int signal) throws IOException;

  /** Waits for the init process to end; on a timeout or an interrupt the container is killed. */
  ExitStatus waitFor(Optional<Duration> timeout) throws IOException, InterruptedException;

  /** Kills what still runs, deletes the container and undoes its mounts. */
  @Override
  void close() throws IOException;
}
