package dev.berth.plan.op;

/**
 * What one step does, in terms the build engine understands without knowing Dockerfile syntax: run
 * a process, copy files, make a directory, or change the image config.
 */
public sealed interface Op permits RunOp, CopyOp, WorkdirOp, ConfigOp {

  /**
   * Everything that decides the step's result, as text for the cache key; display-only details
   * (line numbers, the original spelling) stay out.
   */
  String cacheText();

  /** Whether the step makes a layer (RUN, COPY, ADD, WORKDIR of a new directory) or only config. */
  default boolean makesLayer() {
    return !(this instanceof ConfigOp);
  }
}
