package dev.berth.cli;

import dev.berth.app.Berth;
import dev.berth.rootless.HostUser;
import dev.berth.rootless.RootlessLauncher;
import dev.berth.rootless.UserNamespace;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code berth} program: runs the command line with the process's streams. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code;
    try {
      Optional<RootlessLauncher.Entry> entry = rootlessEntry(args);
      code =
          entry.isPresent()
              ? runRootless(entry.get(), args, System.getenv())
              : run(args, out, err, System.in);
    } catch (IOException e) {
      BerthCommand.report(e, err);
      code = ExitCodes.of(e);
    } catch (InterruptedException e) {
      code = ExitCodes.INTERRUPTED;
    }
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs berth with the given streams and returns its exit code; tests call this directly. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, InputStream in) {
    return BerthCommand.commandLine(out, err, in, args).execute(args);
  }

  /**
   * The user namespace this command must run in: none for root on the host, or for berth already
   * inside one; otherwise what the command needs (see {@link RootlessEntries}).
   */
  private static Optional<RootlessLauncher.Entry> rootlessEntry(String[] args) throws IOException {
    if (UserNamespace.effectiveUid() == 0 || !UserNamespace.selfIsInitial()) {
      return Optional.empty();
    }
    return RootlessEntries.of(args);
  }

  private static int runRootless(
      RootlessLauncher.Entry entry, String[] args, Map<String, String> env)
      throws IOException, InterruptedException {
    HostUser user = HostUser.current(env);
    return RootlessLauncher.run(
        entry, List.of(args), Berth.defaultStoreRoot(env, user.uid()), user, env);
  }
}
