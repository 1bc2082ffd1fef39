package dev.berth.plan.op;

import java.util.Objects;

/**
 * WORKDIR: makes the directory (with its parents) when it is missing, then sets it in the config.
 */
public record WorkdirOp(String path, String user) implements Op {
  public WorkdirOp {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(user, "user");
  }

  @Override
  public String cacheText() {
    return "WORKDIR\0" + path + "\0user\0" + user;
  }
}
