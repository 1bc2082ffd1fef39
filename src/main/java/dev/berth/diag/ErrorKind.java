package dev.berth.diag;

/**
 * The few ways an operation fails, after containerd's errdefs: callers decide what to do by kind,
 * and the CLI turns a kind into an exit code in one place.
 */
public enum ErrorKind {
  /** What was asked for does not exist: an image, a blob, a container, a stage, a user. */
  NOT_FOUND,
  /** The input is malformed or names something impossible: a bad flag value, a hostile tar. */
  INVALID_INPUT,
  /** The thing already exists or is in use: a name taken, a snapshot committed twice. */
  CONFLICT,
  /** The system is not in the state the operation needs: not root, corrupt store, no runtime. */
  FAILED_PRECONDITION,
  /** Something outside berth could not be reached or kept failing: a registry, a network. */
  UNAVAILABLE,
  /** The work itself ran and failed: a RUN step's command, a container. */
  FAILED;

  /** Whether the user's input is at fault (the CLI exits 2 for these, 1 for the others). */
  public boolean isInputError() {
    return this == NOT_FOUND
        || this == INVALID_INPUT
        || this == CONFLICT
        || this == FAILED_PRECONDITION;
  }
}
