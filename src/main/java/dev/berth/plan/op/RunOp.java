package dev.berth.plan.op;

import java.util.List;
import java.util.Objects;

/**
 * Runs a process in the stage's root file system.
 *
 * @param args the argv: for shell form, the SHELL plus the script
 * @param env {@code KEY=value} entries the process sees (ENV and ARG values in scope)
 * @param user the USER in force, as written ({@code ""} for root)
 * @param network {@code default}, {@code none} or {@code host}
 * @param mounts the RUN --mount specs, expanded
 * @param script a here-document run as the program itself (shebang scripts), or empty
 */
public record RunOp(
    List<String> args,
    List<String> env,
    String workdir,
    String user,
    String network,
    List<MountRequest> mounts,
    String script)
    implements Op {

  public RunOp {
    args = List.copyOf(args);
    env = List.copyOf(env);
    Objects.requireNonNull(workdir, "workdir");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(network, "network");
    mounts = List.copyOf(mounts);
    Objects.requireNonNull(script, "script");
  }

  @Override
  public String cacheText() {
    return "RUN\0"
        + String.join("\0", args)
        + "\0env\0"
        + String.join("\0", env)
        + "\0wd\0"
        + workdir
        + "\0user\0"
        + user
        + "\0net\0"
        + network
        + "\0mounts\0"
        + String.join("\0", mounts.stream().map(MountRequest::display).toList())
        + "\0script\0"
        + script;
  }
}
