package dev.berth.rootless;

import dev.berth.diag.BerthException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * Runs a berth command for an ordinary user inside a user namespace made from the user's
 * subordinate ranges. A JVM cannot unshare itself (it is multi-threaded before main runs), so berth
 * starts itself again under a helper and waits, passing on its exit code:
 *
 * <ul>
 *   <li>a namespace for one command ({@code unshare} from util-linux, with its own mount and PID
 *       namespace, killed with berth): builds, pulls, saves. When the command ends or is killed,
 *       the kernel takes down every mount and process it made;
 *   <li>the per-user {@link Holder}, for commands that start or touch containers that must outlive
 *       them.
 * </ul>
 */
public final class RootlessLauncher {

  /** Which namespace a command runs in. */
  public enum Entry {
    /** A namespace of its own that ends with the command. */
    TRANSIENT,
    /** The holder, started first if it does not run. */
    HOLDER,
    /** The holder if it runs (containers may live in it), else a namespace of its own. */
    HOLDER_IF_RUNNING
  }

  private RootlessLauncher() {}

  /**
   * Runs {@code berth args} for {@code user} inside the namespace {@code entry} names, with the
   * store at {@code storeRoot}, and returns its exit code.
   *
   * @throws BerthException FAILED_PRECONDITION when the host lacks a part rootless berth needs,
   *     before anything is written
   */
  public static int run(
      Entry entry, List<String> args, Path storeRoot, HostUser user, Map<String, String> env)
      throws IOException, InterruptedException {
    Prerequisites.require(
        user, entry == Entry.HOLDER ? Prerequisites.Scope.HOLDER : Prerequisites.Scope.NAMESPACE);
    List<String> berth = new ArrayList<>(SelfCommand.argv(args));
    Map<String, String> childEnv = new HashMap<>(env);
    childEnv.putAll(SelfCommand.environment());
    childEnv.put("BERTH_ROOT", storeRoot.toString());
    childEnv.put(RootlessSession.ENV, user.uid() + ":" + user.gid());
    childEnv.remove(RootlessSession.HOLDER_ENV);
    if (entry == Entry.TRANSIENT) {
      return transientNamespace(user, berth, childEnv);
    }
    Holder holder = Holder.of(user);
    if (entry == Entry.HOLDER_IF_RUNNING) {
      Optional<Process> inside =
          holder.locked(
              () -> {
                Optional<Long> child = holder.childPid();
                return child.isPresent()
                    ? Optional.of(enter(holder, child.get(), berth, childEnv))
                    : Optional.<Process>empty();
              });
      if (inside.isEmpty()) {
        return transientNamespace(user, berth, childEnv);
      }
      return finish(holder, inside.get());
    }
    Process p = holder.locked(() -> enter(holder, holder.ensure(), berth, childEnv));
    return finish(holder, p);
  }

  private static Process enter(
      Holder holder, long childPid, List<String> berth, Map<String, String> env)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    // Killed with this process, as berth itself would be: nothing half-done keeps running.
    cmd.addAll(List.of("setpriv", "--pdeathsig", "KILL", "--"));
    cmd.addAll(
        List.of(
            "nsenter",
            "--target",
            Long.toString(childPid),
            "--user",
            "--mount",
            "--net",
            "--wd=" + Path.of("").toAbsolutePath(),
            "--"));
    cmd.addAll(berth);
    ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
    pb.environment().putAll(env);
    pb.environment().put(RootlessSession.HOLDER_ENV, holder.dir().toString());
    Process p = pb.start();
    holder.awaitInside(p, childPid);
    return p;
  }

  private static int finish(Holder holder, Process p) throws IOException, InterruptedException {
    int code = waitForwardingSignals(p, false);
    holder.locked(() -> holder.stopIfIdle(Holder.selfAndParents()));
    return code;
  }

  private static int transientNamespace(HostUser user, List<String> berth, Map<String, String> env)
      throws IOException, InterruptedException {
    SubordinateIds.Range uids = user.subuids().get(0);
    SubordinateIds.Range gids = user.subgids().get(0);
    List<String> cmd = new ArrayList<>();
    cmd.addAll(List.of("setpriv", "--pdeathsig", "KILL", "--"));
    cmd.addAll(
        List.of(
            "unshare",
            "--map-root-user",
            "--map-users=" + mapping(uids),
            "--map-groups=" + mapping(gids),
            "--mount",
            "--propagation=private",
            "--pid",
            "--fork",
            "--kill-child",
            "--mount-proc",
            "--"));
    cmd.addAll(berth);
    ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
    pb.environment().putAll(env);
    return waitForwardingSignals(pb.start(), true);
  }

  /**
   * The same layout RootlessKit gives the holder: inside ID 0 is the user, 1 and up the first
   * subordinate range, so files a build writes belong to the same host IDs in both.
   */
  static String mapping(SubordinateIds.Range r) {
    return r.start() + ",1," + r.count();
  }

  /**
   * Waits for {@code p}. SIGINT from a terminal reaches the berth inside too (same process group),
   * so this process only must not die of it; SIGTERM is passed on to berth inside.
   */
  private static int waitForwardingSignals(Process p, boolean berthIsChildOfP)
      throws InterruptedException {
    AtomicReference<Process> target = new AtomicReference<>(p);
    Signal.handle(new Signal("INT"), s -> {});
    Signal.handle(
        new Signal("TERM"),
        s -> {
          Process proc = target.get();
          if (berthIsChildOfP) {
            proc.toHandle().children().forEach(ProcessHandle::destroy);
          } else {
            proc.destroy();
          }
        });
    return p.waitFor();
  }
}
